import ChisoModel
import ChisoRender
import ChisoReports
import Foundation
import Testing

@testable import ChisoShell

enum SeedSession {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets/seed").path
    static func make() -> Session {
        let store = (try? DatasetLoader().load([path]).store)
            ?? ObservationStore.Builder(facilities: FacilityDirectory(), catalog: .builtin).build().store
        return Session(store: store)
    }
}

@Suite struct CompletionTests {
    let session = SeedSession.make()

    @Test(arguments: [
        ("", "com", ["compare"]),
        ("", ".f", [".format"]),
        ("show ", "epi_f", ["epi_full_u1"]),
        ("show ", "ep", ["epi_full_u1", "epi_communes"]),
        ("show visits 2025H1 ", "b", ["by"]),
        ("show visits 2025H1 by ", "pro", ["province"]),
        ("show visits 2025H1 for \"", "tien", ["TTYT Tiên Du", "Trung tâm Y tế huyện Tiên Du"]),
        ("show visits 2025H1 for \"", "lai ch", [
            "SYT Lai Châu", "Sở Y tế Lai Châu", "TTYT Lai Châu", "Trung tâm Y tế Lai Châu", "BVĐK tỉnh Lai Châu",
            "Bệnh viện Đa khoa tỉnh Lai Châu",
        ]),
        ("trend visits 2024..2025 by ", "mo", ["month"]),
        (".timer ", "o", ["on", "off"]),
        (".lang ", "v", ["vi"]),
        ("progress epi_full_u1 ", "2025H", ["2025H2", "2025H1"]),
        ("show ", "imm", ["epi_full_u1", "epi_communes", "serious_aefi"]),
        ("rank districts by visits 2025 order by ", "g", ["growth", "gap"]),
        ("show visits 2025H1 for \"", "TTYT Ti", ["TTYT Tiên Du"]),
        ("show visits 2025H1 for \"", "ttyt ti", ["TTYT Tiên Du"]),
        ("list ", "fa", ["facilities"]),
        (".format ", "j", ["json"]),
    ])
    func completesByContext(_ before: String, _ word: String, _ expected: [String]) {
        #expect(Completion.candidates(before: before, word: word, session: session) == expected)
    }
}

@Suite struct SessionTests {
    /// Only JSON shows where a figure comes from, so only a JSON answer looks the lines up.
    @Test func jsonAnswersNameTheirSources() {
        var session = SeedSession.make()
        #expect(session.run(".format json") == Outcome())
        let json = session.run("show inpatient 2025H1").output
        #expect(json.contains("\"sources\":[\""))
    }

    @Test func metaCommandsChangeTheFormat() {
        var session = SeedSession.make()
        #expect(session.run(".format csv") == Outcome())
        #expect(session.renderer.format == .csv)
        #expect(session.run("show inpatient 2025H1").output == "facilities,indicator,period,value,value_qualifier,value_derived,value_months\nall facilities,inpatient,2025H1,434,exact,false,\n")
        let bad = session.run(".format xml")
        #expect(bad.failed)
        #expect(bad.errors.contains("unknown format 'xml'"))
        #expect(bad.errors.contains("|         ^^^"))
    }

    @Test func unknownMetaCommandSuggests() {
        var session = SeedSession.make()
        let outcome = session.run(".hepl")
        #expect(outcome.failed)
        #expect(outcome.errors.contains("did you mean '.help'?"))
        #expect(session.run(".quit").quit)
        #expect(session.run(".help").output.contains("compare <measures> <period> <period>…"))
        #expect(session.run(".help compare").output.contains("percentage points"))
    }

    @Test func scriptStatementsKeepTheirLines() {
        let statements = ScriptRunner.statements(in: "-- comment\nshow visits \\\n  2025H1\n\nlist levels\r\n")
        #expect(statements.map(\.line) == [2, 5])
        #expect(statements.map(\.text) == ["show visits \n  2025H1", "list levels"])
    }

    @Test func historyPathFollowsTheEnvironment() {
        #expect(History.defaultPath(environment: ["CHISO_HISTORY": "/x/h"]) == "/x/h")
        #expect(History.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/home/u"]) == "/s/chiso/history")
        #expect(History.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.local/state/chiso/history")
    }
}

@Suite struct VariableAndDefinitionTests {
    @Test func letAndDefineLastForTheSession() {
        var session = SeedSession.make()
        #expect(session.run("let cur = 2025H1; define pr = food_inspections_passed / food_inspections * 100") == Outcome())
        #expect(session.variables["cur"] == "2025H1")
        session.renderer.format = .csv
        // 849 passed of 876 inspections at TTYT Lai Châu (R1): 96.917808 %.
        let shown = session.run("show pr $cur by facility")
        #expect(shown.output.contains("TTYT Lai Châu,pr,2025H1,96.917808,exact,true"), "\(shown)")
        #expect(session.run("list indicators").output.contains("pr,defined"))
        let redefined = session.run("define pr = food_inspections_passed")
        #expect(!redefined.failed)
        #expect(session.run("show pr $cur by facility").output.contains("TTYT Lai Châu,pr,2025H1,849,"))
    }

    @Test func aMessageWithNothingToPointAtNamesNoPlaceAtThePrompt() {
        var session = SeedSession.make()
        let prompt = session.run(".read /no/such/script.chiso")
        #expect(prompt.errors == "error: cannot read /no/such/script.chiso\n  = check the path\n")
        let script = session.run(".read /no/such/script.chiso", file: "review.chiso", line: 4)
        #expect(script.errors.contains("--> review.chiso:4:1"))
    }

    @Test func anUnsetVariableIsAnErrorNamingIt() {
        var session = SeedSession.make()
        let outcome = session.run("compare visits $cur yoy")
        #expect(outcome.failed)
        #expect(outcome.errors.contains("variable $cur is not set"))
        #expect(outcome.errors.contains("^^^^"))
    }

    @Test func helpCoversEveryVerb() {
        var session = SeedSession.make()
        for topic in ["trend", "rank", "progress", "expressions", "define", "let", "filters", "order"] {
            let help = session.run(".help \(topic)").output
            #expect(!help.hasPrefix("no help"), "\(topic)")
        }
    }
}
