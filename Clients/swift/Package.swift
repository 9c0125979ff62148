// swift-tools-version:6.0
import PackageDescription

// The README's "From Swift" sample, built and run by Scripts/test.sh against the release
// binary. A program of yours depends on the repository the same way, by path or by URL.
let package = Package(
    name: "contpaqi-upgrade-sample",
    dependencies: [
        .package(name: "ContpaqiUpgrade", path: "../.."),
    ],
    targets: [
        .executableTarget(name: "contpaqi-upgrade-sample",
                          dependencies: [.product(name: "ContpaqiUpgradeClient", package: "ContpaqiUpgrade")]),
    ],
    swiftLanguageModes: [.v6]
)
