import ContpaqiUpgradeAPI
import RPCCoding
import UpgradeRules

extension ValueCheck {
    /// A system type must be one of the catalog's, matched ignoring case, accents, dashes and
    /// the `CONTPAQ i` prefix; it is replaced by the canonical name, which results carry.
    /// The catalog is read when a system type is, not before: a call that has none never
    /// builds it.
    static func systemType(in catalog: @escaping @Sendable () -> SystemTypeCatalog) -> ValueCheck {
        .on(SystemType.self) { type in
            let catalog = catalog()
            guard let canonical = catalog.matching(type.name) else {
                return ValueError(.unknownSystemType,
                                  "Tipo de sistema desconocido. Los tipos válidos son: \(catalog.names.joined(separator: ", ")).")
            }
            type = canonical
            return nil
        }
    }
}

/// The built-in catalog's values of the facts schemas mention (`CatalogFact`).
enum CatalogFacts {
    static func values(_ fact: CatalogFact) -> [String] {
        switch fact {
        case .targetVersion: [Catalog.targetVersion]
        case .cutoffDate: [Catalog.cutoffDate.description]
        case .keyRequestTo: [Catalog.keyRequest.to]
        case .keyRequestSubject: [Catalog.keyRequest.subject]
        case .attachmentFilename: [Catalog.attachmentFilename]
        case .installationPhone: [Catalog.installationPhone]
        case .currency: [Catalog.currency]
        case .systemTypes: Catalog.systemTypes.names
        case .planLabels: SupportPlan.allCases.map(\.label)
        default: preconditionFailure("no catalog value for \(fact.name)")
        }
    }
}
