import JSONRPC
import UpgradeRules

/// The contract's field kinds: how each is read, checked and described (API.md §2–3).
extension FieldErrorCode {
    static let invalidDate = FieldErrorCode(rawValue: "INVALID_DATE")
    static let invalidDateTime = FieldErrorCode(rawValue: "INVALID_DATETIME")
    static let invalidEmail = FieldErrorCode(rawValue: "INVALID_EMAIL")
    static let invalidSerial = FieldErrorCode(rawValue: "INVALID_SERIAL")
    static let unknownSystemType = FieldErrorCode(rawValue: "UNKNOWN_SYSTEM_TYPE")
    static let duplicateSerial = FieldErrorCode(rawValue: "DUPLICATE_SERIAL")
    static let notEligible = FieldErrorCode(rawValue: "NOT_ELIGIBLE")
}

/// What every string field kind does first, so that they all agree (API.md §2): the JSON
/// type, trimming white space, blank as missing (dates too), and control characters left
/// inside refused as `INVALID_TEXT` whatever the field: a CR or LF between the words of a
/// system type or a serial is the same header-injection attempt as in a name.
private func readString<V>(_ json: JSON, expecting what: String = "un texto",
                           _ parse: (String) -> ParamType<V>.Reading) -> ParamType<V>.Reading {
    guard case .string(let raw) = json else { return .invalid(.invalidType, "Se esperaba \(what), no \(json.typeName).") }
    let text = Text.trimmingWhiteSpace(raw)
    if text.isEmpty { return .missing }
    if let problem = Text.problem(in: text) { return .invalid(.invalidText, problem) }
    return parse(text)
}

extension ParamType where Value == String {
    static let maxTextLength = 200

    /// Free text for a person or a header: 1–200 Unicode scalars after trimming spaces.
    static let text = ParamType(schema: Schema.string(minLength: 1, maxLength: maxTextLength),
                                placeholder: "") { json in
        readString(json) { text in
            text.unicodeScalars.count > maxTextLength
                ? .invalid(.tooLong, "El texto excede \(maxTextLength) caracteres.") : .value(text)
        }
    }

    /// A plain `local@domain.tld` address: ASCII, no display name, no comments, no `=?`. A
    /// control character left inside after trimming is `INVALID_EMAIL`, the address's own code
    /// (API.md §3).
    static let email = ParamType(schema: Schema.email, placeholder: "") { json in
        guard case .string(let raw) = json else { return .invalid(.invalidType, "Se esperaba un texto, no \(json.typeName).") }
        let address = Text.trimmingWhiteSpace(raw)
        if address.isEmpty { return .missing }
        guard EmailAddress.isValid(address) else {
            // The person who typed it is told why an otherwise plausible address is refused.
            return .invalid(.invalidEmail, EmailAddress.hasEncodedWordMarker(address)
                ? "La dirección no puede contener «=?»: los programas de correo lo leen como texto codificado (RFC 2047)."
                : "No es una dirección de correo válida (nombre@dominio.tld, sin nombre visible).")
        }
        return .value(address)
    }
}

extension ParamType where Value == CalendarDate {
    static let date = ParamType(schema: Schema.date, placeholder: Eligibility.cutoffDate) { json in
        readString(json, expecting: "una fecha AAAA-MM-DD") { text in
            CalendarDate(text).map { .value($0) }
                ?? .invalid(.invalidDate, "No es una fecha de calendario válida con formato AAAA-MM-DD.")
        }
    }
}

extension ParamType where Value == OffsetDateTime {
    static let dateTime = ParamType(
        schema: Schema.string(format: "date-time", examples: ["2012-01-10T16:30:00-06:00"]),
        placeholder: OffsetDateTime(unixTime: 0, utcOffsetMinutes: 0)!) { json in
        readString(json, expecting: "una fecha y hora RFC 3339") { text in
            OffsetDateTime(rfc3339: text).map { .value($0) }
                ?? .invalid(.invalidDateTime, "No es una fecha y hora RFC 3339 con zona horaria (2012-01-10T16:30:00-06:00).")
        }
    }
}

extension ParamType where Value == SystemType {
    /// Not an `enum` in the params schema: the service accepts variants (`nominas`,
    /// `CONTPAQ i – Factura electrónica`), and a schema that refused them would refuse the
    /// documented examples. The canonical names are the schema's `examples`; results carry
    /// them as an `enum`.
    static let systemType = ParamType(
        schema: Schema.string(minLength: 1, examples: SystemType.canonicalNames),
        placeholder: .facturaElectronica) { json in
        readString(json) { text in
            SystemType.matching(text).map { .value($0) }
                ?? .invalid(.unknownSystemType,
                            "Tipo de sistema desconocido. Los tipos válidos son: \(SystemType.canonicalNames.joined(separator: ", ")).")
        }
    }
}

extension ParamType where Value == SerialNumber {
    static let serial = ParamType(
        schema: Schema.string(pattern: SerialNumber.pattern, examples: ["AAAA-BBBB-CCCC-DDDD"]),
        placeholder: SerialNumber("AAAA-AAAA-AAAA-AAAA")!) { json in
        readString(json) { text in
            SerialNumber(text).map { .value($0) }
                ?? .invalid(.invalidSerial, "El número de serie debe tener cuatro grupos de cuatro letras o dígitos separados por guiones (AAAA-BBBB-CCCC-DDDD).")
        }
    }
}

extension ParamType where Value == SupportPlan {
    static let plan = ParamType(schema: Schema.string(enumeration: SupportPlan.allCases.map(\.rawValue)),
                                placeholder: .annual) { json in
        readString(json) { text in
            SupportPlan(rawValue: text).map { .value($0) }
                ?? .invalid(.invalidValue, "Plan desconocido. Los planes son: \(SupportPlan.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }
}

extension ParamType where Value == Rate {
    /// A decimal string in [0, 1] with at most four decimals; never a JSON number, so no
    /// binary floating point ever touches money.
    static let rate = ParamType(
        schema: Schema.string(pattern: "^(0(\\.[0-9]{1,4})?|1(\\.0{1,4})?)$", examples: ["0.16", "0.08"]),
        placeholder: .defaultIVA) { json in
        readString(json, expecting: "una tasa decimal como texto (\"0.16\")") { text in
            if let rate = Rate(text) { return .value(rate) }
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let isDecimal = (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }
            if isDecimal && (parts.count == 1 || parts[1].count <= 4) {
                return .invalid(.outOfRange, "La tasa debe estar entre 0 y 1.")
            }
            return .invalid(.invalidValue, "La tasa debe ser un decimal entre 0 y 1 con a lo más 4 decimales (\"0.16\").")
        }
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
