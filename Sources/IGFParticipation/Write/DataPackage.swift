/// `datapackage.json`: a Frictionless Data (Tabular) Data Package describing every CSV output.
///
/// Generated from the same column definitions the writer uses, so it cannot fall out of step
/// with the files. Spec: https://specs.frictionlessdata.io/data-package/ and tabular-data-resource.
public enum DataPackage {
    public static let fileName = "datapackage.json"

    public static func document(_ schemas: [TableSchema], excel: Bool) -> JSONValue {
        .object([
            ("profile", .string("tabular-data-package")),
            ("name", .string("igf-participation")),
            ("title", .string("IGF participation statistics")),
            ("description", .string("Stakeholder diversity, regional coverage, attendance and gender of Internet Governance Forum sessions, per session and per year, written by igf-participation.")),
            ("resources", .array(schemas.map { resource($0, excel: excel) })),
        ])
    }

    static func resource(_ schema: TableSchema, excel: Bool) -> JSONValue {
        .object([
            ("name", .string(String(schema.fileName.dropLast(4)))),
            ("path", .string(schema.fileName)),
            ("profile", .string("tabular-data-resource")),
            ("description", .string(schema.rowDescription)),
            ("format", .string("csv")),
            ("mediatype", .string("text/csv")),
            ("encoding", .string(excel ? "utf-8-sig" : "utf-8")),
            ("dialect", .object([
                ("delimiter", .string(",")), ("lineTerminator", .string(excel ? "\r\n" : "\n")),
                ("quoteChar", .string("\"")), ("doubleQuote", .boolean(true)), ("header", .boolean(true)),
            ])),
            ("schema", .object([
                ("fields", .array(schema.fields.map { field in
                    var members: [(String, JSONValue)] = [
                        ("name", .string(field.name)), ("type", .string(field.type)), ("description", .string(field.description)),
                    ]
                    if field.type == "boolean" {
                        members += [("trueValues", .array([.string("true")])), ("falseValues", .array([.string("false")]))]
                    }
                    return .object(members)
                })),
                ("missingValues", .array([.string("")])),
            ])),
        ])
    }
}
