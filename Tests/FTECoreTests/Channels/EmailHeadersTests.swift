import Testing
@testable import FTECore

@Suite struct EmailHeadersTests {
    @Test func namesMatchCaseInsensitivelyAndFoldedValuesAreUnfolded() {
        let headers = EmailHeaders([
            EmailHeader(name: "Message-Id", value: "<a@b.c>"), EmailHeader(name: "References", value: "<1@x>\r\n <2@x>"),
            EmailHeader(name: "Received", value: "one"), EmailHeader(name: "RECEIVED", value: "two"),
            EmailHeader(name: "Content-Type", value: "text/plain; format=flowed; charset=\"Windows-1252\""),
        ])
        #expect(headers["Message-ID"] == "<a@b.c>")
        #expect(headers["references"] == "<1@x> <2@x>")
        #expect(headers.all("Received") == ["one", "two"])
        #expect(headers.charset == "windows-1252")
        #expect(headers["In-Reply-To"] == nil)
    }

    @Test(arguments: [
        ("=?UTF-8?B?w4lsw6huZQ==?=", "Élène"),
        ("=?utf-8?q?caf=C3=A9_cr=C3=A8me?=", "café crème"),
        ("Re: =?UTF-8?B?SGVsbG8=?= =?UTF-8?B?IFdvcmxk?= !", "Re: Hello World !"),
        ("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
        ("=?UTF-8*en?Q?Hi?=", "Hi"),
        ("=?UTF-8?X?abc?= plain", "=?UTF-8?X?abc?= plain"),
        ("=?UTF-8?B?###?=", "=?UTF-8?B?###?="),
        ("no encoding", "no encoding"),
    ])
    func encodedWordsAreDecoded(raw: String, decoded: String) {
        #expect(EncodedWordDecoder.decode(raw) == decoded)
    }

    @Test(arguments: [
        ("\"Doe, Jane\" <Jane@Example.com>", "Doe, Jane", "jane@example.com"),
        ("Jane Doe <jane@example.com>", "Jane Doe", "jane@example.com"),
        ("jane@example.com (Jane Doe)", "Jane Doe", "jane@example.com"),
        ("=?UTF-8?B?w4lsw6huZQ==?= <e@example.fr>", "Élène", "e@example.fr"),
        ("\"Jane \\\"JD\\\" Doe\" <jd@example.com>", "Jane \"JD\" Doe", "jd@example.com"),
    ])
    func mailboxesParseToNameAndNormalisedAddress(raw: String, name: String, address: String) {
        #expect(EmailMailbox.parse(raw) == EmailMailbox(name: name, address: address))
    }

    @Test func bareAddressesAndListsParse() {
        #expect(EmailMailbox.parse(" JANE@example.com ") == EmailMailbox(name: nil, address: "jane@example.com"))
        #expect(EmailMailbox.parse("Jane <not an address>") == nil)
        #expect(EmailMailbox.parseList("\"Doe, Jane\" <j@example.com>, b@example.com (Bea, B.), junk")
            == [EmailMailbox(name: "Doe, Jane", address: "j@example.com"), EmailMailbox(name: "Bea, B.", address: "b@example.com")])
    }

    @Test func charsetsDecodeLatin1AndWindows1252() {
        #expect(EmailCharset.decode([0x4B, 0xF6, 0x6C, 0x6E], charset: "iso-8859-1") == "Köln")
        #expect(EmailCharset.decode([0x93, 0x48, 0x69, 0x94, 0x80], charset: "windows-1252") == "“Hi”€")
        // A body labelled UTF-8 that is really Windows-1252 still reads.
        #expect(EmailCharset.decode([0x63, 0x61, 0x66, 0xE9], charset: "utf-8") == "café")
        #expect(EmailCharset.decode([0x41], charset: "x-klingon") == nil)
    }
}
