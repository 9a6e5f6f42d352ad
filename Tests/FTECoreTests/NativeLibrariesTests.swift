import Testing
@testable import FTECore

@Suite struct NativeLibrariesTests {
    @Test func reportsLinkedLibraryVersions() {
        #expect(NativeLibraries.librdkafka.hasPrefix("2."))
        #expect(NativeLibraries.libcurl.hasPrefix("libcurl/"))
        #expect(NativeLibraries.libpq.split(separator: ".").count >= 2)
    }
}
