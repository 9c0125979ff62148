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

extension ParamType where Value == String {
    static let maxTextLength = 200

    /// Free text for a person or a header: 1–200 Unicode scalars after trimming spaces.
    /// Control characters are refused anywhere, ends included: a CR or LF here would be a
    /// header-injection attempt once the text reaches the e-mail.
    static let text = ParamType(schema: Schema.string(minLength: 1, maxLength: maxTextLength),
                                placeholder: "") { json in
        guard case .string(let raw) = json else { return .invalid(.invalidType, "Se esperaba un texto, no \(json.typeName).") }
        let text = Text.trimmingSpaces(raw)
        if text.isEmpty { return .missing }
        if let problem = Text.problem(in: text) { return .invalid(.invalidText, problem) }
        if text.unicodeScalars.count > maxTextLength {
            return .invalid(.tooLong, "El texto excede \(maxTextLength) caracteres.")
        }
        return .value(text)
    }

    /// A plain `local@domain.tld` address: ASCII, no display name, no comments.
    static let email = ParamType(schema: Schema.email, placeholder: "") { json in
        guard case .string(let raw) = json else { return .invalid(.invalidType, "Se esperaba un texto, no \(json.typeName).") }
        let address = Text.trimmingSpaces(raw)
        if address.isEmpty { return .missing }
        guard EmailAddress.isValid(address) else {
            return .invalid(.invalidEmail, "No es una dirección de correo válida (nombre@dominio.tld, sin nombre visible).")
        }
        return .value(address)
    }
}

extension ParamType where Value == CalendarDate {
    static let date = ParamType(schema: Schema.date, placeholder: Eligibility.cutoffDate) { json in
        guard case .string(let raw) = json else { return .invalid(.invalidType, "Se esperaba una fecha AAAA-MM-DD, no \(json.typeName).") }
        let text = Text.trimmingSpaces(raw)
        if text.isEmpty { return .missing }
        guard let date = CalendarDate(text) else {
            return .invalid(.invalidDate, "No es una fecha de calendario válida con formato AAAA-MM-DD.")
        }
        return .value(date)
    }
}

extension ParamType where Value == OffsetDateTime {
    static let dateTime = ParamType(
        schema: Schema.string(format: "date-time", examples: ["2012-01-10T16:30:00-06:00"]),
        placeholder: OffsetDateTime(unixTime: 0, utcOffsetMinutes: 0)!) { json in
        guard case .string(let raw) = json else { return .invalid(.invalidType, "Se esperaba una fecha y hora RFC 3339, no \(json.typeName).") }
        let text = Text.trimmingSpaces(raw)
        if text.isEmpty { return .missing }
        guard let instant = OffsetDateTime(rfc3339: text) else {
            return .invalid(.invalidDateTime, "No es una fecha y hora RFC 3339 con zona horaria (2012-01-10T16:30:00-06:00).")
        }
        return .value(instant)
    }
}

extension ParamType where Value == SystemType {
    static let systemType = ParamType(
        schema: Schema.string(enumeration: SystemType.canonicalNames),
        placeholder: .facturaElectronica) { json in
        guard case .string(let raw) = json else { return .invalid(.invalidType, "Se esperaba un texto, no \(json.typeName).") }
        let text = Text.trimmingSpaces(raw)
        if text.isEmpty { return .missing }
        guard Text.problem(in: text) == nil, let type = SystemType.matching(text) else {
            return .invalid(.unknownSystemType,
                            "Tipo de sistema desconocido. Los tipos válidos son: \(SystemType.canonicalNames.joined(separator: ", ")).")
        }
        return .value(type)
    }
}

extension ParamType where Value == SerialNumber {
    static let serial = ParamType(
        schema: Schema.string(pattern: SerialNumber.pattern, examples: ["AAAA-BBBB-CCCC-DDDD"]),
        placeholder: SerialNumber("AAAA-AAAA-AAAA-AAAA")!) { json in
        guard case .string(let raw) = json else { return .invalid(.invalidType, "Se esperaba un texto, no \(json.typeName).") }
        let text = Text.trimmingSpaces(raw)
        if text.isEmpty { return .missing }
        guard let serial = SerialNumber(text) else {
            return .invalid(.invalidSerial, "El número de serie debe tener cuatro grupos de cuatro letras o dígitos separados por guiones (AAAA-BBBB-CCCC-DDDD).")
        }
        return .value(serial)
    }
}

extension ParamType where Value == SupportPlan {
    static let plan = ParamType(schema: Schema.string(enumeration: SupportPlan.allCases.map(\.rawValue)),
                                placeholder: .annual) { json in
        guard case .string(let raw) = json else { return .invalid(.invalidType, "Se esperaba un texto, no \(json.typeName).") }
        let text = Text.trimmingSpaces(raw)
        if text.isEmpty { return .missing }
        guard let plan = SupportPlan(rawValue: text) else {
            return .invalid(.invalidValue, "Plan desconocido. Los planes son: \(SupportPlan.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return .value(plan)
    }
}

extension ParamType where Value == Rate {
    /// A decimal string in [0, 1] with at most four decimals; never a JSON number, so no
    /// binary floating point ever touches money.
    static let rate = ParamType(
        schema: Schema.string(pattern: "^(0(\\.[0-9]{1,4})?|1(\\.0{1,4})?)$", examples: ["0.16", "0.08"]),
        placeholder: .defaultIVA) { json in
        guard case .string(let raw) = json else {
            return .invalid(.invalidType, "Se esperaba una tasa decimal como texto (\"0.16\"), no \(json.typeName).")
        }
        let text = Text.trimmingSpaces(raw)
        if text.isEmpty { return .missing }
        if let rate = Rate(text) { return .value(rate) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let isDecimal = (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }
        if isDecimal && (parts.count == 1 || parts[1].count <= 4) {
            return .invalid(.outOfRange, "La tasa debe estar entre 0 y 1.")
        }
        return .invalid(.invalidValue, "La tasa debe ser un decimal entre 0 y 1 con a lo más 4 decimales (\"0.16\").")
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
