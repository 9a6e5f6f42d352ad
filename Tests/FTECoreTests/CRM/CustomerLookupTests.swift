import Foundation
import Testing

@testable import FTECore

@Suite struct CustomerLookupTests {
    @Test func idsAddressesAndPhonesAreTold() {
        let id = UUID()
        #expect(CustomerLookup(" \(id.uuidString) ") == .id(id))
        #expect(CustomerLookup("Jane@Example.com") == .address(.email("jane@example.com")))
        #expect(CustomerLookup("+1 (415) 555-0100") == .address(.phone("+14155550100")))
        for text in ["jane", "", "12", "jane@", "not-a-uuid-0000-0000"] {
            #expect(CustomerLookup(text) == nil, "\(text)")
        }
    }
}
