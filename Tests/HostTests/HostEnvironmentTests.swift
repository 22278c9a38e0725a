import Foundation
@testable import Host
import Testing

@Suite struct HostEnvironmentTests {
    @Test func processEnvironmentWinsOverDotEnv() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("env-\(getpid())").path
        try "# keys\nexport POLYGON_API_KEY='abc 123'\nOTHER = \"x=y\"\nBROKEN LINE\n".write(toFile: path, atomically: true, encoding: .utf8)
        let env = HostEnvironment(process: ["OTHER": "from-process"], dotEnvPath: path)
        #expect(env.value("POLYGON_API_KEY") == "abc 123")
        #expect(env.value("OTHER") == "from-process")
        #expect(env.value("MISSING") == nil)
        #expect(HostEnvironment(process: [:], dotEnvPath: path).value("OTHER") == "x=y")
    }

    @Test func executableFolderIsTheRunnersFolder() {
        #expect(PackSearchPath.executableFolder == Fixtures.buildDir)
    }
}
