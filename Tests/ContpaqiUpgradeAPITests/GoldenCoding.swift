import ContpaqiUpgradeAPI
import Foundation
import JSONRPC
import RPCCoding
import Testing

/// Checks that `json` is the wire form of `value` for both coders that read and write it:
/// the server's (exactly these bytes, and read back without a problem) and Foundation's
/// (the same JSON value: it writes members in no fixed order; and read back).
func checkCoding<T: Codable & Equatable & Sendable>(_ value: T, json: String, sourceLocation: SourceLocation = #_sourceLocation) {
    var writer = JSONWriter()
    ResultEncoder.write(value, to: &writer)
    #expect(writer.string == json, sourceLocation: sourceLocation)
    do {
        let (decoded, problems) = ParamsDecoder.decode(T.self, from: try JSONParser.parse(json))
        #expect(problems.errors == [], sourceLocation: sourceLocation)
        #expect(decoded == value, sourceLocation: sourceLocation)
    } catch {
        Issue.record("not JSON: \(error)", sourceLocation: sourceLocation)
    }
    do {
        let encoded = try JSONEncoder().encode(value)
        #expect(try canonical(encoded) == canonical(Data(json.utf8)), sourceLocation: sourceLocation)
        #expect(try JSONDecoder().decode(T.self, from: Data(json.utf8)) == value, sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(error)", sourceLocation: sourceLocation)
    }
}

/// JSON text with sorted members, so two writers' output compare as values.
func canonical(_ json: Data) throws -> String {
    let object = try JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
    return String(decoding: data, as: UTF8.self)
}

/// What Foundation's decoder throws for `json` read as `T`: the type's own contract error.
func decodingError<T: Decodable>(_ type: T.Type, _ json: String) -> ValueError? {
    do {
        _ = try JSONDecoder().decode(T.self, from: Data(json.utf8))
        return nil
    } catch {
        return error as? ValueError
    }
}

/// Golden JSON of every value type, as Foundation reads and writes it.
@Suite struct GoldenValueTests {
    @Test func dates() throws {
        checkCoding(try #require(CalendarDate("2011-08-15")), json: #""2011-08-15""#)
        checkCoding(try #require(OffsetDateTime(rfc3339: "2012-01-10T16:30:00-06:00")), json: #""2012-01-10T16:30:00-06:00""#)
        checkCoding(try #require(OffsetDateTime(rfc3339: "2012-01-10T22:30:00Z")), json: #""2012-01-10T22:30:00+00:00""#)
        #expect(try JSONDecoder().decode(CalendarDate.self, from: Data(#"" 2011-08-15\t""#.utf8)) == CalendarDate("2011-08-15"))
    }

    @Test func serialsAreWrittenUpperCased() throws {
        checkCoding(try #require(SerialNumber("AAAA-BBBB-CCCC-DDDD")), json: #""AAAA-BBBB-CCCC-DDDD""#)
        #expect(try JSONDecoder().decode(SerialNumber.self, from: Data(#""aaaa-bbbb-cccc-dddd""#.utf8)).value == "AAAA-BBBB-CCCC-DDDD")
    }

    @Test func namesAndText() throws {
        checkCoding(SystemType("CONTPAQ i Nóminas"), json: #""CONTPAQ i Nóminas""#)
        #expect(try JSONDecoder().decode(SystemType.self, from: Data(#"" nominas ""#.utf8)) == SystemType("nominas"))
        checkCoding(try #require(EmailAddress("rgonzalez@empresamuestra.com.mx")), json: #""rgonzalez@empresamuestra.com.mx""#)
        checkCoding(try #require(BoundedText("Empresa de muestra, S.A. de C.V.")), json: #""Empresa de muestra, S.A. de C.V.""#)
        checkCoding(SupportPlan.perEvent, json: #""perEvent""#)
        checkCoding(ErrorCode.unknownSystemType, json: #""UNKNOWN_SYSTEM_TYPE""#)
        checkCoding(ErrorCode(rawValue: "NEW_CODE"), json: #""NEW_CODE""#)
    }

    @Test func decimalsAreStrings() throws {
        checkCoding(Money(cents: 603_200), json: #""6032.00""#)
        checkCoding(Money(cents: -50), json: #""-0.50""#)
        checkCoding(try #require(Rate("0.0825")), json: #""0.0825""#)
        #expect(try JSONDecoder().decode(Rate.self, from: Data(#""0.160""#.utf8)) == Rate("0.16"))
        checkCoding(try #require(Rate("1")), json: #""1""#)
    }

    @Test func boundsAndLists() throws {
        checkCoding(try #require(Bounded<SystemCount>(1000)), json: "1000")
        checkCoding(try #require(BoundedList<EmailAddress, CopyCount>([])), json: "[]")
        let address = try #require(EmailAddress("a@b.mx"))
        checkCoding(try #require(BoundedList<EmailAddress, CopyCount>([address])), json: #"["a@b.mx"]"#)
        checkCoding(NoParams(), json: "{}")
    }

    /// Foundation hands over the contract's own code and Spanish message.
    @Test func foundationSurfacesTheContractErrors() {
        #expect(decodingError(CalendarDate.self, #""2011-02-30""#)?.code == .invalidDate)
        #expect(decodingError(CalendarDate.self, "20110815")
            == ValueError(.invalidType, "Se esperaba una fecha AAAA-MM-DD, no number."))
        #expect(decodingError(CalendarDate.self, #"" \r\n""#) == .blank)
        #expect(decodingError(BoundedText.self, #""a\nb""#)?.code == .invalidText)
        #expect(decodingError(BoundedText.self, "\"" + String(repeating: "ñ", count: 201) + "\"")?.code == .tooLong)
        #expect(decodingError(EmailAddress.self, #""a=?b@empresa.mx""#)?.message.contains("=?") == true)
        #expect(decodingError(EmailAddress.self, #""r\n@empresa.mx""#)?.code == .invalidEmail)
        #expect(decodingError(SerialNumber.self, #""AAAA-BBBB-CCCC""#)?.code == .invalidSerial)
        #expect(decodingError(SupportPlan.self, #""Annual""#)?.code == .invalidValue)
        #expect(decodingError(Rate.self, #""1.5""#)?.code == .outOfRange)
        #expect(decodingError(Rate.self, #"".16""#)?.code == .invalidValue)
        #expect(decodingError(Rate.self, "0.16") == ValueError(.invalidType, #"Se esperaba una tasa decimal como texto ("0.16"), no number."#))
        #expect(decodingError(Money.self, #""6500""#)?.code == .invalidValue)
        #expect(decodingError(Bounded<UserCount>.self, "0") == ValueError(.outOfRange, "El valor debe estar entre 1 y 100000."))
        #expect(decodingError(Bounded<UserCount>.self, #""2""#) == ValueError(.invalidType, "Se esperaba un número entero, no string."))
        #expect(decodingError(Bounded<UserCount>.self, "99999999999999999999")?.code == .outOfRange)
        #expect(decodingError(BoundedList<EmailAddress, CopyCount>.self, "[" + Array(repeating: #""a@b.mx""#, count: 21).joined(separator: ",") + "]")
            == ValueError(.tooLong, "Se permiten como máximo 20 elementos."))
        #expect(decodingError(BoundedList<RequestKeys.System, SystemCount>.self, "[]")
            == ValueError(.outOfRange, "Se necesita al menos 1 elemento."))
        #expect(decodingError(BoundedList<EmailAddress, CopyCount>.self, #""a@b.mx""#)
            == ValueError(.invalidType, "Se esperaba una lista, no string."))
    }

    @Test func failableInitializersFollowTheWireRules() {
        #expect(EmailAddress(" a@b.mx\t")?.address == "a@b.mx")
        #expect(EmailAddress("Raul <a@b.mx>") == nil)
        #expect(BoundedText("  x ")?.text == "x")
        #expect(BoundedText(" \n ") == nil)
        #expect(BoundedText("a\u{2028}b") == nil)
        #expect(Bounded<SystemCount>(0) == nil)
        #expect(BoundedList<EmailAddress, CopyCount>(Array(repeating: EmailAddress("a@b.mx")!, count: 21)) == nil)
    }
}
