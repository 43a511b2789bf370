/// The status of a gateway route: its numeric code and the name routegraph writes for it.
///
/// Responses give the code (`3`, `"3"`); consoles and hand-made archives give the label in
/// Simplified Chinese, Traditional Chinese or English (seed page: 未发布 0, 发布中 2, 已发布 3,
/// 编辑中 4, 下线中 5, 不可用 6).
public enum RouteStatus {
    /// The canonical name of a status code; `unknown` for codes the API does not document.
    public static func name(of code: Int64) -> String {
        switch code {
        case 0: "unpublished"
        case 2: "publishing"
        case 3: "published"
        case 4: "editing"
        case 5: "offlining"
        case 6: "unavailable"
        default: "unknown"
        }
    }

    /// The code of a console label, in any of the three languages, or of a canonical name.
    public static func code(ofLabel label: String) -> Int64? {
        var key = label.trimmingASCIIWhitespace().lowercased()
        // "编辑中(有更新未发布)" and similar carry an explanation in brackets.
        if let bracket = key.firstIndex(where: { $0 == "(" || $0 == "（" }) {
            key = String(key[..<bracket]).trimmingASCIIWhitespace()
        }
        return labels[key]
    }

    private static let labels: [String: Int64] = {
        var table: [String: Int64] = [:]
        let names: [(Int64, [String])] = [
            (0, ["未发布", "未發布", "未發佈", "unpublished", "not published", "offline", "已下线", "已下線"]),
            (2, ["发布中", "發布中", "發佈中", "發行中", "publishing"]),
            (3, ["已发布", "已發布", "已發佈", "發行", "已發行", "published", "online", "已上线", "已上線"]),
            (4, ["编辑中", "編輯中", "editing", "updated but not published", "modified"]),
            (5, ["下线中", "下線中", "offlining", "going offline", "taking offline", "unpublishing"]),
            (6, ["不可用", "unavailable"]),
        ]
        for (code, list) in names {
            for name in list { table[name] = code }
        }
        return table
    }()
}
