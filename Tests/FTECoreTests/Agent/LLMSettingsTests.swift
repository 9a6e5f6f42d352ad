import Foundation
import Testing
@testable import FTECore

@Suite struct LLMSettingsTests {
    @Test func defaultsApplyWhenNothingIsSet() throws {
        let settings = try LLMSettings(environment: [:])
        #expect(settings.baseURL == "https://generativelanguage.googleapis.com/v1beta/openai")
        #expect(settings.apiKey == nil)
        #expect(!settings.isConfigured)
        #expect(settings.model == "gemini-3.5-flash")
        #expect(settings.timeout == .seconds(30))
        #expect(settings.maxRetries == 2)
        #expect(settings.maxRetryDelay == .seconds(10))
    }

    @Test func environmentAndFlagsOverrideDefaults() throws {
        let settings = try LLMSettings(
            environment: [
                "FTE_LLM_BASE_URL": "http://ignored:1/v1", "FTE_LLM_API_KEY": "key-1", "FTE_LLM_MODEL": "ignored",
                "FTE_LLM_TIMEOUT_SECONDS": "5", "FTE_LLM_MAX_RETRIES": "0", "FTE_LLM_MAX_RETRY_DELAY_SECONDS": "60",
            ], baseURLFlag: "http://localhost:11434/v1//", modelFlag: "llama3.2")
        #expect(settings.baseURL == "http://localhost:11434/v1")
        #expect(settings.apiKey == "key-1")
        #expect(settings.model == "llama3.2")
        #expect(settings.timeout == .seconds(5))
        #expect(settings.maxRetries == 0)
        #expect(settings.maxRetryDelay == .seconds(60))
    }

    @Test func geminiKeyIsTheFallback() throws {
        #expect(try LLMSettings(environment: ["GEMINI_API_KEY": "gemini-key"]).apiKey == "gemini-key")
        #expect(try LLMSettings(environment: ["GEMINI_API_KEY": "gemini-key", "FTE_LLM_API_KEY": "fte-key"]).apiKey == "fte-key")
        #expect(try LLMSettings(environment: ["GEMINI_API_KEY": "gemini-key", "FTE_LLM_API_KEY": ""]).apiKey == "gemini-key")
        #expect(try LLMSettings(environment: ["FTE_LLM_API_KEY": "  key-from-a-file\n"]).apiKey == "key-from-a-file")
        #expect(try LLMSettings(environment: ["FTE_LLM_API_KEY": " \n"]).isConfigured == false)
    }

    @Test(arguments: [
        ("FTE_LLM_TIMEOUT_SECONDS", "soon"), ("FTE_LLM_TIMEOUT_SECONDS", "0"), ("FTE_LLM_TIMEOUT_SECONDS", "2.5"),
        ("FTE_LLM_MAX_RETRIES", "-1"), ("FTE_LLM_MAX_RETRIES", "11"), ("FTE_LLM_MAX_RETRY_DELAY_SECONDS", "1e3"),
        ("FTE_LLM_MAX_RETRY_DELAY_SECONDS", "99999"),
    ])
    func badNumbersAreRejectedNamingTheVariable(name: String, value: String) {
        let error = #expect(throws: ConfigError.self) { try LLMSettings(environment: [name: value]) }
        #expect(error?.description.hasPrefix(name) == true, "\(String(describing: error))")
    }

    @Test(arguments: ["ftp://example.com/v1", "not a url", "/v1", "http:///v1", "https://example.com/v1?key=SECRET9"])
    func unusableBaseURLsAreRejectedNamingTheVariable(url: String) {
        let error = #expect(throws: ConfigError.self) { try LLMSettings(environment: ["FTE_LLM_BASE_URL": url]) }
        #expect(error?.description.hasPrefix("FTE_LLM_BASE_URL") == true)
        #expect(error?.description.contains("SECRET9") == false)
    }

    @Test func keyWithALineBreakIsRejectedWithoutEchoingIt() {
        let error = #expect(throws: ConfigError.self) {
            try LLMSettings(environment: ["GEMINI_API_KEY": "AIza-SECRET\r\nX-Injected: 1"])
        }
        #expect(error?.description.hasPrefix("GEMINI_API_KEY") == true)
        #expect(error?.description.contains("SECRET") == false)
    }

    @Test func descriptionsNeverShowTheKey() {
        let settings = LLMSettings(apiKey: "AIza-TOP-SECRET")
        var dumped = ""
        dump(settings, to: &dumped)
        for text in [settings.description, String(reflecting: settings), "\(settings)", dumped] {
            #expect(!text.contains("TOP-SECRET"), "\(text)")
            #expect(text.contains("apiKey") && text.contains("set"))
        }
    }
}
