import Foundation

extension ConfigKey {
    /// The folder `scripts/setup.sh` installs local models into.
    public static let modelHome = ConfigKey(
        "FTE_MODEL_HOME", "folder of the local models scripts/setup.sh installs (default: $XDG_DATA_HOME/fte/models or ~/.local/share/fte/models)")

    /// `FTE_MODEL_HOME`, else `${XDG_DATA_HOME:-$HOME/.local/share}/fte/models`: where
    /// `scripts/setup.sh` installs the embedding model and the sentiment lexicon.
    /// - Parameter environment: the environment; the process's by default.
    public static func modelHomeDirectory(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let home = modelHome.resolve(flag: nil, environment: environment) { return home }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            dataHome = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            dataHome = home + "/.local/share"
        }
        return dataHome + "/fte/models"
    }
}
