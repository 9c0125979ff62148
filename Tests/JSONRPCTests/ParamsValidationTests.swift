import ContpaqiUpgradeAPI
import JSONRPC
import RPCCoding
import Testing

/// Params validation: every problem collected into one -32602, each with its JSON Pointer.
@Suite struct ParamsValidationTests {
    private func echo(_ params: String) -> String? {
        respond(#"{"jsonrpc":"2.0","method":"echo","params":\#(params),"id":1}"#)
    }

    private func order(_ params: String) -> String? {
        respond(#"{"jsonrpc":"2.0","method":"order","params":\#(params),"id":1}"#)
    }

    /// The exact -32602 response for id 1 with these `data.errors` entries.
    private func invalid(_ errors: String...) -> String { invalid(errors) }

    private func invalid(_ errors: [String]) -> String {
        #"{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"Invalid params","data":{"errors":["#
            + errors.joined(separator: ",") + "]}}}"
    }

    private func error(_ path: String, _ code: String, _ message: String) -> String {
        #"{"path":"\#(path)","code":"\#(code)","message":"\#(message)"}"#
    }

    @Test func validParams() {
        #expect(echo(#"{"text":"  hola\t","n":10}"#) == #"{"jsonrpc":"2.0","id":1,"result":{"text":"hola","n":10}}"#)
        #expect(echo(#"{"text":"x"}"#) == #"{"jsonrpc":"2.0","id":1,"result":{"text":"x","n":null}}"#)
    }

    @Test func nullForAnOptionalFieldIsTheSameAsAbsent() {
        #expect(echo(#"{"text":"x","n":null}"#) == echo(#"{"text":"x"}"#))
        #expect(order(#"{"items":[{"name":"a","qty":null}],"tags":null,"rush":null}"#)
            == #"{"jsonrpc":"2.0","id":1,"result":{"items":1,"tags":[],"rush":null}}"#)
    }

    @Test func requiredFieldMissingNullOrBlank() {
        #expect(echo("{}") == invalid(error("/text", "REQUIRED", "El campo es obligatorio.")))
        #expect(echo(#"{"text":null}"#) == invalid(error("/text", "REQUIRED", "El campo es obligatorio.")))
        #expect(echo(#"{"text":" \n\t "}"#)
            == invalid(error("/text", "REQUIRED", "El campo es obligatorio y no puede estar vacío.")))
    }

    @Test func wrongTypes() {
        #expect(echo(#"{"text":5}"#) == invalid(error("/text", "INVALID_TYPE", "Se esperaba un texto, no number.")))
        #expect(echo(#"{"text":"x","n":"2"}"#)
            == invalid(error("/n", "INVALID_TYPE", #"Se esperaba un número entero, no \"2\"."#)))
        #expect(order(#"{"items":[{"name":"a"}],"rush":"yes"}"#)
            == invalid(error("/rush", "INVALID_TYPE", "Se esperaba true o false, no string.")))
    }

    @Test(arguments: ["2.0", "2e0", "2E+0", "0.2e1", "-0.0"])
    func integersAreJSONIntegers(_ literal: String) {
        #expect(echo(#"{"text":"x","n":\#(literal)}"#)
            == invalid(error("/n", "INVALID_TYPE", "Se esperaba un número entero, no \(literal).")))
    }

    @Test(arguments: ["0", "11", "-1", "-0", "9223372036854775807", "9223372036854775808", "-99999999999999999999"])
    func integersOutOfRange(_ literal: String) {
        #expect(echo(#"{"text":"x","n":\#(literal)}"#)
            == invalid(error("/n", "OUT_OF_RANGE", "El valor debe estar entre 1 y 10.")))
    }

    @Test func integerBoundsAreInclusive() {
        #expect(echo(#"{"text":"x","n":1}"#) == #"{"jsonrpc":"2.0","id":1,"result":{"text":"x","n":1}}"#)
    }

    @Test func unknownFieldsAreRefused() {
        #expect(echo(#"{"text":"x","txet":"y"}"#) == invalid(error("/txet", "UNKNOWN_FIELD", "Campo desconocido: «txet».")))
        #expect(echo(#"{"text":"x","Text":"y"}"#) == invalid(error("/Text", "UNKNOWN_FIELD", "Campo desconocido: «Text».")))
        // Even null: a typo must not pass silently.
        #expect(echo(#"{"text":"x","m":null}"#) == invalid(error("/m", "UNKNOWN_FIELD", "Campo desconocido: «m».")))
    }

    /// A field name is one reference token: `/` and `~` are escaped, `""` is `/`.
    @Test func unknownFieldPathsAreEscapedPointers() {
        #expect(echo(#"{"text":"x","a/b":1}"#) == invalid(error("/a~1b", "UNKNOWN_FIELD", "Campo desconocido: «a/b».")))
        #expect(echo(#"{"text":"x","~":1}"#) == invalid(error("/~0", "UNKNOWN_FIELD", "Campo desconocido: «~».")))
        #expect(echo(#"{"text":"x","/n":1}"#) == invalid(error("/~1n", "UNKNOWN_FIELD", "Campo desconocido: «/n».")))
        #expect(echo(#"{"text":"x","":1}"#) == invalid(error("/", "UNKNOWN_FIELD", "Campo desconocido: «».")))
        #expect(order(#"{"items":[{"name":"a","/":1}]}"#)
            == invalid(error("/items/0/~1", "UNKNOWN_FIELD", "Campo desconocido: «/».")))
    }

    @Test func everyErrorIsCollectedInParamsOrder() {
        #expect(echo(#"{"zzz":1,"n":2.5}"#) == invalid(
            error("/text", "REQUIRED", "El campo es obligatorio."),
            error("/n", "INVALID_TYPE", "Se esperaba un número entero, no 2.5."),
            error("/zzz", "UNKNOWN_FIELD", "Campo desconocido: «zzz».")))
    }

    @Test func nestedObjectsAndListsReportFullPaths() {
        let params = #"{"items":[{"name":"a"},{"name":" a ","qty":0,"x":1},7],"tags":["t","  "],"rush":1,"more":[]}"#
        #expect(order(params) == invalid(
            error("/items/1/qty", "OUT_OF_RANGE", "El valor debe estar entre 1 y 5."),
            error("/items/1/x", "UNKNOWN_FIELD", "Campo desconocido: «x»."),
            error("/items/2", "INVALID_TYPE", "Se esperaba un objeto, no number."),
            error("/items/1/name", "DUPLICATE_NAME", "Repetido."),  // a check reports where its field is
            error("/tags/1", "REQUIRED", "El elemento no puede estar vacío."),
            error("/rush", "INVALID_TYPE", "Se esperaba true o false, no number."),
            error("/more", "UNKNOWN_FIELD", "Campo desconocido: «more».")))
    }

    @Test func listCounts() {
        #expect(order("{}") == invalid(error("/items", "REQUIRED", "El campo es obligatorio.")))
        #expect(order(#"{"items":null}"#) == invalid(error("/items", "REQUIRED", "El campo es obligatorio.")))
        #expect(order(#"{"items":[]}"#) == invalid(error("/items", "OUT_OF_RANGE", "Se necesita al menos 1 elemento.")))
        #expect(order(#"{"items":[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"d"}]}"#)
            == invalid(error("/items", "TOO_LONG", "Se permiten como máximo 3 elementos.")))
        #expect(order(#"{"items":"abc"}"#) == invalid(error("/items", "INVALID_TYPE", "Se esperaba una lista, no string.")))
        #expect(order(#"{"items":[{"name":"a"}],"tags":["a","b","c"]}"#)
            == invalid(error("/tags", "TOO_LONG", "Se permiten como máximo 2 elementos.")))
        #expect(order(#"{"items":[{"name":"a"}],"tags":{}}"#)
            == invalid(error("/tags", "INVALID_TYPE", "Se esperaba una lista, no object.")))
    }

    @Test func noParamsMethodRefusesAnyField() {
        #expect(respond(#"{"jsonrpc":"2.0","method":"ping","params":{},"id":1}"#)
            == #"{"jsonrpc":"2.0","id":1,"result":"pong"}"#)
        #expect(respond(#"{"jsonrpc":"2.0","method":"ping","params":{"verbose":true},"id":1}"#)
            == invalid(error("/verbose", "UNKNOWN_FIELD", "Campo desconocido: «verbose».")))
        #expect(respond(#"{"jsonrpc":"2.0","method":"ping","params":{"a":null,"b":1},"id":1}"#)
            == invalid(error("/a", "UNKNOWN_FIELD", "Campo desconocido: «a»."),
                       error("/b", "UNKNOWN_FIELD", "Campo desconocido: «b».")))
    }

    /// Read marks past the 64th member (hostile params) are kept too: a field read there is
    /// not unknown, every other member is, in request order, in nested objects as well.
    @Test func objectsOfMoreThanSixtyFourMembers() {
        let unknown = (0..<70).map { #""u\#($0)":1"# }
        let expected = (0..<70).map { error("/u\($0)", "UNKNOWN_FIELD", "Campo desconocido: «u\($0)».") }
        #expect(echo("{" + unknown.joined(separator: ",") + #","n":3,"text":"x"}"#) == invalid(expected))
        let item = "{" + unknown.joined(separator: ",") + #","name":"a"}"#
        #expect(order(#"{"items":["# + item + "]}")
            == invalid((0..<70).map { error("/items/0/u\($0)", "UNKNOWN_FIELD", "Campo desconocido: «u\($0)».") }))
    }

    @Test func paramsReaderOnItsOwn() {
        let (params, errors) = ParamsDecoder.decode(Echo.Params.self, from: [JSONMember("text", .string(" ok "))])
        #expect(params.text == "ok")
        #expect(errors.isEmpty)
        let (_, nested) = ParamsDecoder.decode(Echo.Params.self, from: [], pointer: "/systems/2")
        #expect(nested.errors == [FieldError(path: "/systems/2/text", code: .required, message: "El campo es obligatorio.")])
    }

    @Test func failTakesARelativePathOrAPointer() {
        var problems = ParamsProblems(pointer: "/p")
        problems.fail("", .invalidValue, "a")
        problems.fail("/x/0", .invalidValue, "b")
        problems.fail("k", .invalidValue, "c")
        #expect(problems.errors.map(\.path) == ["/p", "/p/x/0", "/p/k"])
    }

    @Test func schemaIsRecordedFromTheParamsType() {
        var reader = SchemaReader(inline: true, catalog: { _ in [] })
        #expect(reader.objectSchema(of: Echo.Params.self, role: .input).description
            == #"{"type":"object","properties":{"text":{"description":"Text to echo.","type":"string"},"n":{"description":"A small count.","type":"integer","minimum":1,"maximum":10}},"required":["text"],"additionalProperties":false}"#)
        #expect(reader.objectSchema(of: NoParams.self, role: .input).description
            == #"{"type":"object","properties":{},"additionalProperties":false}"#)
    }
}
