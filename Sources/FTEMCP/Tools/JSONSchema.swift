import MCP

/// The JSON Schemas of the tools' arguments, built from a few shapes.
enum JSONSchema {
    /// An object with `properties`; no other property is allowed.
    static func object(_ properties: [String: Value], required: [String] = []) -> Value {
        var schema: [String: Value] = ["type": "object", "properties": .object(properties), "additionalProperties": false]
        if !required.isEmpty { schema["required"] = .array(required.map(Value.string)) }
        return .object(schema)
    }

    static func string(_ description: String, maxLength: Int? = nil, oneOf choices: [String]? = nil) -> Value {
        var schema: [String: Value] = ["type": "string", "description": .string(description)]
        if let maxLength { schema["maxLength"] = .int(maxLength) }
        if let choices { schema["enum"] = .array(choices.map(Value.string)) }
        return .object(schema)
    }

    static func integer(_ description: String, in range: ClosedRange<Int>, default defaultValue: Int) -> Value {
        [
            "type": "integer", "description": .string(description),
            "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound), "default": .int(defaultValue),
        ]
    }

    static func boolean(_ description: String, default defaultValue: Bool) -> Value {
        ["type": "boolean", "description": .string(description), "default": .bool(defaultValue)]
    }

    /// The names of a schema's properties, sorted.
    static func propertyNames(of schema: Value) -> [String] {
        schema.objectValue?["properties"]?.objectValue?.keys.sorted() ?? []
    }
}
