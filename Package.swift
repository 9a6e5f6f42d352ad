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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
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
                "CLibPQ", "CCurl", "CRdKafka", "CBLAS",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            // The embedding model's inner loops are ~30x slower unoptimised: optimise the core
            // in debug builds too, so tests, the quick start and `swift run` embed at real speed.
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]
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

        // MARK: Test support shared by tests and the simulator (fakes, scratch databases, processes).
        .target(
            name: "FTETesting",
            dependencies: [
                "FTECore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: `fte simulate`: the real system against the fakes, with traffic and faults.
        .target(
            name: "FTESimulator",
            dependencies: ["FTECore", "FTETesting"],
            swiftSettings: swiftSettings
        ),

        // MARK: Tools
        /** Hosts librdkafka's mock Kafka cluster for benchmarks and manual runs. */
        .executableTarget(
            name: "MockKafkaHost",
            dependencies: ["FTETesting", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        /** Serves a scripted OpenAI-compatible model for benchmarks and manual runs of `fte work`. */
        .executableTarget(
            name: "ScriptedLLMHost",
            dependencies: [
                "FTECore", "FTETesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .testTarget(
            name: "FTECoreTests",
            dependencies: ["FTECore", "FTETesting"],
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
            dependencies: ["FTECore", "FTEGateway", "FTEMCP", "FTETesting", "fte"],
            swiftSettings: swiftSettings
        ),
    ]
)
