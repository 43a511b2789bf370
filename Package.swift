// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "routegraph",
    products: [
        .library(name: "RouteGraph", targets: ["RouteGraph"]),
        .executable(name: "routegraph", targets: ["routegraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // ISA-L's inflate, loaded on the first gzip input (see Sources/CISAL/include/CISAL.h).
        .target(name: "CISAL"),
        .target(
            name: "CSimdJSON",
            linkerSettings: [.linkedLibrary("simdjson")]
        ),
        .target(name: "CGNUExtras"),
        // SHA-256 on the CPU's SHA extensions, where it has them (redaction's keyed hashes).
        .target(name: "CSHA256"),
        // jemalloc, for the command line only (the library leaves the allocator to its host).
        .target(
            name: "CJemalloc",
            linkerSettings: [.linkedLibrary("jemalloc")]
        ),
        .target(
            name: "RouteGraph",
            dependencies: ["CLibXML2", "CISAL", "CSimdJSON", "CGNUExtras", "CSHA256"]
        ),
        .executableTarget(
            name: "routegraph",
            dependencies: [
                "RouteGraph",
                "CJemalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "RouteGraphTests",
            dependencies: ["RouteGraph"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
