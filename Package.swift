// swift-tools-version: 6.0
// chiso: a query shell for health indicators. Targets follow the layering in
// ARCHITECTURE.md; imports only go down: Model ← Reports, Parser ← Planner ← Executor
// ← Render ← Shell ← chiso.
import PackageDescription

let package = Package(
    name: "chiso",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "chiso", targets: ["chiso"]),
        .executable(name: "chiso-demo", targets: ["chiso-demo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .target(name: "ChisoModel"),
        .target(
            name: "ChisoReports", dependencies: ["ChisoModel", "Yams"],
            resources: [.copy("Narrative/phrases.yaml")]),
        .target(name: "ChisoParser", dependencies: ["ChisoModel"]),
        .target(name: "ChisoPlanner", dependencies: ["ChisoModel", "ChisoParser"]),
        .target(name: "ChisoExecutor", dependencies: ["ChisoModel", "ChisoPlanner"]),
        .target(name: "ChisoRender", dependencies: ["ChisoModel", "ChisoExecutor"]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .target(
            name: "ChisoShell",
            dependencies: [
                "ChisoModel", "ChisoReports", "ChisoParser", "ChisoPlanner",
                "ChisoExecutor", "ChisoRender", "CReadline",
            ]),
        .executableTarget(
            name: "chiso",
            dependencies: [
                "ChisoShell", "ChisoReports", "ChisoRender", "ChisoModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The synthetic demo province: a generator with no dependency on chiso itself, so
        // that its cross-check against sqlite3 tests chiso from the outside.
        // Fuzz targets (Fuzz/README.md): outside the stack, above the shell.
        .target(name: "ChisoFuzz", dependencies: ["ChisoModel", "ChisoReports", "ChisoShell", "ChisoDemo"]),
        .executableTarget(name: "chiso-fuzz", dependencies: ["ChisoFuzz"]),
        .target(name: "ChisoDemo"),
        .executableTarget(name: "chiso-demo", dependencies: ["ChisoDemo"]),
        .testTarget(name: "ModelTests", dependencies: ["ChisoModel"]),
        .testTarget(name: "ReportsTests", dependencies: ["ChisoReports", "ChisoModel"]),
        .testTarget(name: "NarrativeTests", dependencies: ["ChisoReports", "ChisoModel"], exclude: ["Corpus"]),
        .testTarget(name: "ParserTests", dependencies: ["ChisoParser", "ChisoModel"]),
        .testTarget(
            name: "PlannerTests",
            dependencies: ["ChisoPlanner", "ChisoParser", "ChisoModel", "ChisoReports"]),
        .testTarget(
            name: "ExecutorTests",
            dependencies: ["ChisoExecutor", "ChisoPlanner", "ChisoParser", "ChisoModel", "ChisoReports"]),
        .testTarget(
            name: "RenderTests",
            dependencies: ["ChisoRender", "ChisoExecutor", "ChisoModel"]),
        .testTarget(name: "ShellTests", dependencies: ["ChisoShell", "ChisoReports", "ChisoRender", "ChisoModel"]),
        .testTarget(
            name: "DemoTests",
            dependencies: ["ChisoDemo", "ChisoShell", "ChisoReports", "ChisoRender", "ChisoModel"]),
        .testTarget(name: "EndToEndTests", dependencies: ["chiso"], exclude: ["Golden"]),
        .testTarget(name: "FuzzTests", dependencies: ["ChisoFuzz"]),
    ],
    swiftLanguageModes: [.v6]
)
