import Testing
@testable import FTECore

@Suite struct MigrationDefinitionTests {
    @Test func versionsIncreaseAndNamesAreUnique() {
        let versions = Migration.all.map(\.version)
        #expect(versions == versions.sorted())
        #expect(Set(versions).count == versions.count)
        #expect(Set(Migration.all.map(\.name)).count == Migration.all.count)
    }

    @Test func checksumIsSHA256OfTheSQL() {
        let migration = Migration(version: 1, name: "x", sql: "abc")
        #expect(migration.checksum == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Migration(version: 1, name: "x", sql: "abd").checksum != migration.checksum)
    }
}
