/// Twilio resource ids: a two-letter type prefix (`AC` account, `SM`/`MM` message, `HX`
/// content template) followed by 32 hex digits.
enum TwilioSID {
    /// Whether `sid` is `prefix` followed by 32 hex digits.
    static func isValid(_ sid: String, prefix: String) -> Bool {
        sid.utf8.count == 34 && sid.hasPrefix(prefix) && sid.utf8.dropFirst(2).allSatisfy(isHexDigit)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            true
        default: false
        }
    }
}
