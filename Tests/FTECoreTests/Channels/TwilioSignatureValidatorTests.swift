import Testing
@testable import FTECore

/// Test vectors from twilio/twilio-python `tests/unit/test_request_validator.py`.
@Suite struct TwilioSignatureValidatorTests {
    let validator = TwilioSignatureValidator(authToken: "12345")
    let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    let parameters = [
        FormField("CallSid", "CA1234567890ABCDE"), FormField("Caller", "+14158675309"),
        FormField("Digits", "1234"), FormField("From", "+14158675309"), FormField("To", "+18005551212"),
    ]
    let jsonBody = Array(#"{"property": "value", "boolean": true}"#.utf8)
    let bodyHash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"

    @Test func computesTheSDKSignature() {
        #expect(validator.signature(url: url, parameters: parameters) == "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
        #expect(validator.signature(url: url, parameters: parameters.reversed()) == "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
        let withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2"
        #expect(validator.signature(url: withPort, parameters: parameters) == "kvajT1Ptam85bY51eRf/AJRuM3w=")
    }

    @Test func acceptsBothPortVariants() throws {
        let withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2"
        // Twilio signed with the port, the gateway knows the URL without it, and vice versa.
        try validator.verify(signature: "kvajT1Ptam85bY51eRf/AJRuM3w=", url: url, parameters: parameters)
        try validator.verify(signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: withPort, parameters: parameters)
        try validator.verify(signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: url, parameters: parameters)
    }

    @Test func sortsRepeatedValuesOfOneName() throws {
        let fields = [FormField("Sid", "CA123"), FormField("SidAccount", "AC123"),
                      FormField("Digits", "5678"), FormField("Digits", "1234")]
        #expect(validator.signature(url: url, parameters: fields) == "IK+Dwps556ElfBT0I3Rgjkr1wJU=")
        try validator.verify(signature: "IK+Dwps556ElfBT0I3Rgjkr1wJU=", url: url, parameters: fields)
    }

    @Test func verifiesTheJSONBodyVariant() throws {
        let signedURL = url + "&bodySHA256=" + bodyHash
        #expect(validator.signature(url: signedURL, parameters: []) == "a9nBmqA0ju/hNViExpshrM61xv4=")
        try validator.verify(signature: "a9nBmqA0ju/hNViExpshrM61xv4=", url: signedURL, jsonBody: jsonBody)
    }

    @Test func rejectsATamperedJSONBodyOrAMissingHash() {
        let signedURL = url + "&bodySHA256=" + bodyHash
        #expect(throws: TwilioSignatureError(.bodyHashMismatch)) {
            try validator.verify(signature: "a9nBmqA0ju/hNViExpshrM61xv4=", url: signedURL, jsonBody: jsonBody + [32])
        }
        #expect(throws: TwilioSignatureError(.missingBodyHash)) {
            try validator.verify(signature: "a9nBmqA0ju/hNViExpshrM61xv4=", url: url, jsonBody: jsonBody)
        }
    }

    @Test func rejectsForgedAndMissingSignatures() {
        #expect(throws: TwilioSignatureError(.missingSignature)) {
            try validator.verify(signature: nil, url: url, parameters: parameters)
        }
        #expect(throws: TwilioSignatureError(.missingSignature)) {
            try validator.verify(signature: "", url: url, parameters: parameters)
        }
        let forger = TwilioSignatureValidator(authToken: "54321")
        #expect(throws: TwilioSignatureError(.mismatch)) {
            try validator.verify(signature: forger.signature(url: url, parameters: parameters), url: url, parameters: parameters)
        }
        // A field added by an attacker changes the signature.
        #expect(throws: TwilioSignatureError(.mismatch)) {
            try validator.verify(
                signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: url, parameters: parameters + [FormField("Extra", "1")])
        }
        // So does signing another URL (the internal one behind the ingress).
        #expect(throws: TwilioSignatureError(.mismatch)) {
            try validator.verify(
                signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: "http://10.0.0.5:8080/myapp.php?foo=1&bar=2",
                parameters: parameters)
        }
    }

    @Test func portVariantsKeepTheRestOfTheURL() {
        #expect(TwilioSignatureValidator.portVariants(of: "https://a.example/hook?x=1")
            == ["https://a.example/hook?x=1", "https://a.example:443/hook?x=1"])
        #expect(TwilioSignatureValidator.portVariants(of: "http://user@a.example:8080/h")
            == ["http://user@a.example/h", "http://user@a.example:8080/h"])
        #expect(TwilioSignatureValidator.portVariants(of: "https://[::1]:8443/h")
            == ["https://[::1]/h", "https://[::1]:8443/h"])
        #expect(TwilioSignatureValidator.portVariants(of: "http://a.example")
            == ["http://a.example", "http://a.example:80"])
    }
}
