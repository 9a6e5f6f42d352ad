import FTECore
import Foundation
import Testing

@Suite struct DisplayTextTests {
    @Test(arguments: [
        "\u{200B}\u{200B}", "\u{202E}\u{202D}\u{2066}", " \u{FEFF} \u{200D} ", "\u{2800}\u{2800}", "\u{3164}\u{115F}",
        "\u{0301}\u{0301}", "\u{00AD}\u{034F}\u{2060}", "\u{E000}", "\u{180E}\u{FE0F}",
    ])
    func textWithNothingVisibleIsRecognised(text: String) {
        #expect(!DisplayText.hasVisibleCharacter(text))
        #expect(DisplayText.cleaned(text) == nil)
    }

    @Test(arguments: ["Jo", "李", "José", "ﻋﻠﻲ", "😀", "O'Brien", "Zoë", "\u{200B}Al"])
    func realNamesStay(text: String) {
        #expect(DisplayText.hasVisibleCharacter(text))
        #expect(DisplayText.cleaned(text) != nil)
    }

    @Test func bidiControlsAreStripped() {
        // "Jane" followed by an override that would show "gpj.exe" as "exe.jpg".
        #expect(DisplayText.cleaned("Jane\u{202E}gpj.exe\u{202C}") == "Janegpj.exe")
        #expect(DisplayText.strippingBidiControls("\u{200F}Refund \u{2067}now\u{2069}\u{061C}") == "Refund now")
        #expect(DisplayText.strippingBidiControls("plain ASCII") == "plain ASCII")
    }
}
