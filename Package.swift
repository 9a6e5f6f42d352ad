// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "fte",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fte", targets: ["fte"]),
        .executable(name: "fte-mock-kafka", targets: ["MockKafkaHost"]),
        .executable(name: "fte-scripted-llm", targets: ["ScriptedLLMHost"]),
        .library(name: "FTECore", targets: ["FTECore"]),
        .library(name: "FTEFakes", targets: ["FTEFakes"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // MARK: Executable: parsing and printing only.
        .executableTarget(
            name: "fte",
            dependencies: [
                "FTECore", "FTEGateway", "FTEMCP", "FTESimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: The one core module every subcommand shares.
        .target(
            name: "FTECore",
            dependencies: [
                "CLibPQ", "CCurl", "CRdKafka", "CBLAS", "CVectorMath",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            // No unsafe flags: the embedder's kernels run fast unoptimised too (libmvec through
            // CVectorMath, loops written for -Onone; docs/embeddings.md, "Debug builds"), so other
            // packages can depend on this target.
            swiftSettings: swiftSettings
        ),

        // MARK: The HTTP gateway of `fte serve` (Hummingbird stays here, out of the domain).
        .target(
            name: "FTEGateway",
            dependencies: [
                "FTECore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: `fte mcp`: the agent's tools and the ticket desk for MCP clients (the MCP SDK stays here).
        .target(
            name: "FTEMCP",
            dependencies: [
                "FTECore",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: System libraries (C pointers stay inside small owner types in FTECore).
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        .systemLibrary(
            name: "CRdKafka", pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"]), .brew(["librdkafka"])]
        ),
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
        ),

        /** The encoder's `exp` and `erf` through glibc's libmvec on x86_64 Linux (looked up at run
         time, not linked), and its bias, LayerNorm, norm and scale loops in AVX2 assembly:
         optimised vector code whatever fte's build (docs/embeddings.md, "Debug builds").
         Elsewhere, without libmvec or without AVX2, the Swift loops run. */
        .target(name: "CVectorMath"),

        // MARK: `fte simulate`: the real system against the fakes, with traffic and faults.
        .target(
            name: "FTESimulator",
            dependencies: ["FTECore", "FTEFakes"],
            swiftSettings: swiftSettings
        ),

        // MARK: Fakes of the third parties that cannot be reached here, speaking their wire formats
        // (Gmail, Google OAuth and certs, Twilio, an OpenAI-compatible model, librdkafka's mock
        // cluster). Shipped: `fte simulate` and the tool executables run them (docs/fakes.md).
        .target(
            name: "FTEFakes",
            dependencies: [
                "FTECore", "CRdKafka",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Test support: fixtures, scratch databases, the built binary as a process. Only test
        // targets link it (it re-exports FTEFakes).
        .target(
            name: "FTETestSupport",
            dependencies: ["FTECore", "FTEFakes"],
            swiftSettings: swiftSettings
        ),

        // MARK: Tools
        /** Hosts librdkafka's mock Kafka cluster for benchmarks and manual runs. */
        .executableTarget(
            name: "MockKafkaHost",
            dependencies: ["FTEFakes", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        /** Serves a scripted OpenAI-compatible model for benchmarks and manual runs of `fte work`. */
        .executableTarget(
            name: "ScriptedLLMHost",
            dependencies: [
                "FTECore", "FTEFakes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .testTarget(
            name: "FTECoreTests",
            dependencies: ["FTECore", "FTEFakes", "FTETestSupport"],
            swiftSettings: swiftSettings
        ),
        /** The gateway's request/response contract, against its router (HummingbirdTesting). */
        .testTarget(
            name: "FTEGatewayTests",
            dependencies: [
                "FTECore", "FTEGateway", "FTETestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FTEMCPTests",
            dependencies: [
                "FTEMCP", "FTECore", .product(name: "MCP", package: "swift-sdk"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FTEIntegrationTests",
            dependencies: ["FTECore", "FTEGateway", "FTEMCP", "FTETestSupport", "fte"],
            swiftSettings: swiftSettings
        ),
    ]
)
