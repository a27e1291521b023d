import Foundation
import Testing

/// The bad-input corpus: each case is an input and the exact message it gets (first
/// lines of standard error, with FOLDER for the case's folder). Nothing crashes; a bad
/// record is refused with its place, and the rest loads.
struct BadData: CustomTestStringConvertible, Sendable {
    enum Content: Sendable {
        case text(String)
        case bytes([UInt8])
    }

    var name: String
    var files: [String: Content]
    var status: Int32
    var expected: [String]

    init(_ name: String, _ files: [String: Content], status: Int32, _ expected: [String]) {
        self.name = name
        self.files = files
        self.status = status
        self.expected = expected
    }

    var testDescription: String { name }
}

struct BadStatement: CustomTestStringConvertible, Sendable {
    var name: String
    var statement: String
    var expected: [String]

    init(_ name: String, _ statement: String, _ expected: [String]) {
        self.name = name
        self.statement = statement
        self.expected = expected
    }

    var testDescription: String { name }
}

let observationsHeader = "facility,period,indicator,value\n"

@Suite struct BadInputTests {
    static let facilities = "facility,name,level,parent\nprov,Sở Y tế Demo,province,\nd1,Trung tâm Y tế Demo Một,district,prov\n"

    static let data: [BadData] = [
        BadData("invalid UTF-8", ["observations.csv": .bytes([102, 97, 99, 105, 108, 105, 116, 121, 44, 112, 101, 114, 105, 111, 100, 44, 105, 110, 100, 105, 99, 97, 116, 111, 114, 44, 118, 97, 108, 117, 101, 10, 100, 49, 44, 50, 48, 50, 53, 72, 49, 44, 118, 105, 115, 105, 116, 115, 44, 49, 10, 100, 49, 44, 50, 48, 50, 53, 72, 49, 44, 105, 110, 112, 97, 116, 105, 101, 110, 116, 44, 255, 254, 10])], status: 2, ["error: FOLDER/observations.csv:3 is not UTF-8 text", "  = save the file as UTF-8"]),
        BadData("NUL byte", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,vis\u{0}its,1\n")], status: 0, ["error: a NUL byte stands in the record", " --> FOLDER/observations.csv:2:14", "  = save the file as text"]),
        BadData("empty file", ["observations.csv": .text("")], status: 0, ["error: the file is empty", " --> FOLDER/observations.csv:1:1", "  = a CSV file starts with its header line"]),
        BadData("missing column", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,visits\n")], status: 0, ["error: expected 4 fields, found 3", " --> FOLDER/observations.csv:2:1", "  = a field containing a comma must be quoted"]),
        BadData("extra column", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,visits,1,2\n")], status: 0, ["error: expected 4 fields, found 5", " --> FOLDER/observations.csv:2:1", "  = a field containing a comma must be quoted: \"1,234\""]),
        BadData("quoted field never closed", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,\"visits,1\nd1,2025H2,visits,2\n")], status: 0, ["error: a quote opened at line 2, column 11 is never closed", " --> FOLDER/observations.csv:2:11", "  = close it, or write a quote inside a field as \"\""]),
        BadData("quoted comma, quote and line break in a name", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,\"vis\"\"its\nx\",1\n")], status: 0, ["warning: indicator 'vis\"its", "x' is in no catalog; its 1 row loaded as a count", " --> FOLDER/observations.csv:2:11"]),
        BadData("a 1 MB line", ["observations.csv": .text(observationsHeader + "d1,2025H1,visits," + String(repeating: "9", count: 1_000_000) + "\n")], status: 0, ["error: value '9999999999999999999999999999999999999999…' is too large to be a figure", " --> FOLDER/observations.csv:2:18", "  = figures up to 10^15 are read"]),
        BadData("number too large", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,visits,1e400\n")], status: 0, ["error: value '1e400' is not a number", " --> FOLDER/observations.csv:2:18", "  = write figures as 27662, 27.662, 11,6% or 'hơn 63 nghìn'"]),
        BadData("negative count", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,visits,-5\n")], status: 0, ["error: a count cannot be below zero (-5)", " --> FOLDER/observations.csv:2:18"]),
        BadData("n above N", ["observations.csv": .text("facility,period,indicator,value,numerator,denominator\nd1,2025H1,tetanus_pregnant,,800,796\n")], status: 0, ["warning: tetanus_pregnant: the numerator 800 is above the denominator 796 (100.5 %)", " --> FOLDER/observations.csv:2:29", "  = check both; n of N is at most N unless N is a target"]),
        BadData("n of zero", ["observations.csv": .text("facility,period,indicator,value,numerator,denominator\nd1,2025H1,tetanus_pregnant,,8,0\n")], status: 0, ["error: a numerator of 8 over a denominator of 0", " --> FOLDER/observations.csv:2:28"]),
        BadData("percentage over 100", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,patient_satisfaction,130\n")], status: 0, ["error: patient_satisfaction cannot be above 100 % (130 %)", " --> FOLDER/observations.csv:2:32"]),
        BadData("unknown facility", ["observations.csv": .text("facility,period,indicator,value\nd9,2025H1,visits,1\n")], status: 0, ["error: unknown facility 'd9'", " --> FOLDER/observations.csv:2:1", "  = did you mean 'd1'?"]),
        BadData("unknown indicator", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,vists,1\n")], status: 0, ["warning: indicator 'vists' is in no catalog; its 1 row loaded as a count", " --> FOLDER/observations.csv:2:11", "  = did you mean 'visits'?"]),
        BadData("half-year 3", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H3,visits,1\n")], status: 0, ["error: '2025H3' is not a period: a half-year is H1 or H2", " --> FOLDER/observations.csv:2:4"]),
        BadData("month 13", ["observations.csv": .text("facility,period,indicator,value\nd1,2025M13,visits,1\n")], status: 0, ["error: '2025M13' is not a period: a month is M01 to M12", " --> FOLDER/observations.csv:2:4"]),
        BadData("year out of range", ["observations.csv": .text("facility,period,indicator,value\nd1,3025,visits,1\n")], status: 0, ["error: 3025 is not a year chiso accepts (1900–2200)", " --> FOLDER/observations.csv:2:4"]),
        BadData("range written backwards", ["observations.csv": .text("facility,period,indicator,value\nd1,2025M06..2025M01,visits,1\n")], status: 0, ["error: the range 2025M06..2025M01 ends before it starts", " --> FOLDER/observations.csv:2:4", "  = write the earlier period first: 2025M01..2025M06"]),
        BadData("the same figure twice", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,visits,1\nd1,2025H1,visits,2\n")], status: 0, ["error: conflicting values for visits of d1 in 2025H1: 1 and 2 (first stated at FOLDER/observations.csv:2); kept the first", " --> FOLDER/observations.csv:3:1"]),
        BadData("letters in a number", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,visits,12a\n")], status: 0, ["error: value '12a' is not a number", " --> FOLDER/observations.csv:2:18", "  = write figures as 27662, 27.662, 11,6% or 'hơn 63 nghìn'"]),
        BadData("percentage of a count", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,visits,12%\n")], status: 0, ["error: visits is a count, not a percentage: '12%'", " --> FOLDER/observations.csv:2:18"]),
        BadData("header only", ["observations.csv": .text("facility,period,indicator,value\n")], status: 0, ["note: FOLDER/observations.csv has a header line and no rows", " --> FOLDER/observations.csv:1:1", "  = rows go below the header: facility,period,indicator,value"]),
        BadData("a row repeated", ["observations.csv": .text("facility,period,indicator,value\n" + String(repeating: "d1,2025M01,visits,7\n", count: 3))], status: 0, ["note: 2 rows repeat a figure of an earlier row exactly; each figure is kept once", " --> FOLDER/observations.csv:3:1"]),
        BadData("a figure repeated further down, through the full reader", ["observations.csv": .text("facility,period,indicator,value\nd1,2025H1,visits,27.662\nd1,2025H2,visits,1\nd1,2025H1,visits,27.662\n")], status: 0, ["note: 1 row repeats a figure of an earlier row exactly; each figure is kept once", " --> FOLDER/observations.csv:4:1"]),
        BadData("unknown CSV layout", ["x.csv": .text("a,b\n1,2\n")], status: 0, ["error: unknown CSV layout", " --> FOLDER/x.csv:1:1", "  = observations: facility,period,indicator,value; facilities: facility,name,level,parent; indicators: indicator,name_vi,name_en,kind,unit"]),
        BadData("facility declared twice", ["facilities2.csv": .text("facility,name,level,parent\nd1,Again,district,prov\n")], status: 0, ["error: facility 'd1' is declared twice; kept 'Trung tâm Y tế Demo Một'", " --> FOLDER/facilities2.csv:2:1"]),
        BadData("unknown parent", ["facilities2.csv": .text("facility,name,level,parent\nd5,X,district,nowhere\n")], status: 0, ["warning: facility 'd5' names an unknown parent 'nowhere'; it is kept without one"]),
        BadData("parents in a cycle", ["facilities2.csv": .text("facility,name,level,parent\nc1,C1,district,c2\nc2,C2,district,c1\n")], status: 0, ["error: facility 'c1' is its own ancestor: its parents lead back to it; it is kept without a parent", "  = check the parent column of the facilities file"]),
        BadData("facility without a name", ["facilities2.csv": .text("facility,name,level,parent\nd6,,district,prov\n")], status: 0, ["error: the name field is empty", " --> FOLDER/facilities2.csv:2:4"]),
        BadData("broken YAML", ["r.yaml": .text("facility: d1\nperiod: 2025H1\nfigures:\n  - indicator: [visits\n")], status: 0, ["error: not valid YAML: did not find expected ',' or ']'", " --> FOLDER/r.yaml:5:1"]),
        BadData("report without a facility", ["r.yaml": .text("period: 2025H1\nfigures: []\n")], status: 0, ["error: a report needs 'facility' and 'period' at the top", " --> FOLDER/r.yaml:1:1", "  = facility: ttyt-laichau"]),
        BadData("misspelt report field", ["r.yaml": .text("facility: d1\nperiod: 2025H1\nfigures:\n  - indicator: visits\n    vaule: 3\n")], status: 0, ["warning: unknown field 'vaule' is ignored", " --> FOLDER/r.yaml:5:5", "  = did you mean 'value'?"]),
        BadData("figures not a list", ["r.yaml": .text("facility: d1\nperiod: 2025H1\nfigures: 3\n")], status: 0, ["error: 'figures' must be a list of entries starting with '- indicator:'", " --> FOLDER/r.yaml:3:1"]),
        BadData("figure without a value", ["r.yaml": .text("facility: d1\nperiod: 2025H1\nfigures:\n  - indicator: visits\n")], status: 0, ["error: the figure has no value", " --> FOLDER/r.yaml:4:16", "  = add value: …"]),
        BadData("unknown qualifier", ["r.yaml": .text("facility: d1\nperiod: 2025H1\nfigures:\n  - indicator: visits\n    value: 12\n    qualifier: atleast\n")], status: 0, ["error: 'atleast' is not a qualifier", " --> FOLDER/r.yaml:4:16", "  = did you mean 'at_least'?"]),
        BadData("half a rate", ["r.yaml": .text("facility: d1\nperiod: 2025H1\nfigures:\n  - indicator: epi_full_u1\n    numerator: 12\n")], status: 0, ["error: a rate needs both numerator and denominator", " --> FOLDER/r.yaml:4:16", "  = or give the rate itself as value: 47.2%"]),
        BadData("change in per cent of a count", ["r.yaml": .text("facility: d1\nperiod: 2025H1\nfigures:\n  - indicator: visits\n    value: 12\n    change: 5%\n")], status: 0, ["error: the change of visits is a number of visits, not a percentage", " --> FOLDER/r.yaml:4:13", "  = write the difference: change: +138"]),
        BadData("plan year not a year", ["plans.csv": .text("facility,indicator,year,plan\nd1,visits,20x5,100\n")], status: 0, ["error: '20x5' is not a year", " --> FOLDER/plans.csv:2:11"]),
        BadData("negative plan", ["plans.csv": .text("facility,indicator,year,plan\nd1,visits,2025,-100\n")], status: 0, ["error: a plan cannot be below zero (-100)", " --> FOLDER/plans.csv:2:16"]),
        BadData("unknown indicator kind", ["indicators.csv": .text("indicator,name_vi,name_en,kind,unit\nfoo,Foo,Foo,sum,x\n")], status: 0, ["error: 'sum' is not an indicator kind", " --> FOLDER/indicators.csv:2:13", "  = kinds: count, ratio, percentage, stock"]),
    ]

    static let statements: [BadStatement] = [
        BadStatement("unknown indicator in a query", "show vists 2025H1", ["error: unknown indicator 'vists'", " --> <stdin>:1:6", "1 | show vists 2025H1", "  |      ^^^^^ did you mean 'visits'?"]),
        BadStatement("unknown facility in a query", "show visits 2025H1 for \"Tien Dux\"", ["error: no facility or area matches 'Tien Dux'", " --> <stdin>:1:24", "1 | show visits 2025H1 for \"Tien Dux\"", "  |                        ^^^^^^^^^^ did you mean 'Tiên Du'?"]),
        BadStatement("unknown period in a query", "show visits 2025H3", ["error: '2025H3' is not a period: a half-year is H1 or H2", " --> <stdin>:1:13", "1 | show visits 2025H3", "  |             ^^^^^^"]),
        BadStatement("range written backwards in a query", "show visits 2025M06..2025M01", ["error: the range ends before it starts", " --> <stdin>:1:13", "1 | show visits 2025M06..2025M01", "  |             ^^^^^^^^^^^^^^^^ write the earlier period first: 2025M01..2025M06"]),
        BadStatement("unterminated string", "show visits 2025H1 for \"Lai Chau", ["error: unterminated string", " --> <stdin>:1:24", "1 | show visits 2025H1 for \"Lai Chau", "  |                        ^^^^^^^^^ close it with \""]),
        BadStatement("unknown meta command", ".lod x", ["error: unknown command '.lod'", " --> <stdin>:1:1", "1 | .lod x", "  | ^^^^ did you mean '.load'?"]),
        BadStatement("missing data file at .load", ".load /no/such/file.csv", ["error: no such file or folder: /no/such/file.csv", " --> <stdin>:1:1", "  = check the path"]),
        BadStatement("unknown verb", "shw visits 2025H1", ["error: unknown command 'shw'", " --> <stdin>:1:1", "1 | shw visits 2025H1", "  | ^^^ did you mean 'show'?"]),
        BadStatement("nothing after a verb", "compare", ["error: expected an indicator, a number or '(', found the end of the statement", " --> <stdin>:1:8", "1 | compare", "  |        ^"]),
        BadStatement("unknown grouping", "show visits 2025H1 by provinc", ["error: cannot group by 'provinc'", " --> <stdin>:1:23", "1 | show visits 2025H1 by provinc", "  |                       ^^^^^^^ did you mean 'province'?"]),
        BadStatement("unknown output format", ".format xml", ["error: unknown format 'xml'", " --> <stdin>:1:9", "1 | .format xml", "  |         ^^^ formats: table, csv, json, markdown"]),
        BadStatement("variable never set", "show visits $cur", ["error: variable $cur is not set", " --> <stdin>:1:13", "1 | show visits $cur", "  |             ^^^^ set it with let cur = … or --set cur=…"]),
    ]

    @Test func theCorpusHasFiftyCasesOrMore() {
        #expect(Self.data.count + Self.statements.count >= 50)
    }

    @Test(arguments: data)
    func badData(_ bad: BadData) throws {
        let folder = try Binary.temporaryFolder()
        try Self.facilities.write(toFile: folder + "/facilities.csv", atomically: true, encoding: .utf8)
        for (name, content) in bad.files {
            switch content {
            case .text(let text): try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
            case .bytes(let bytes): try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
            }
        }
        let run = try Binary.run(["--data", folder, "-q", "-c", "list datasets"])
        #expect(run.status == bad.status)
        let lines = run.errors.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in bad.expected {
            #expect(lines.contains(line.replacingOccurrences(of: "FOLDER", with: folder)), "\(run.errors)")
        }
    }

    @Test(arguments: statements)
    func badStatement(_ bad: BadStatement) throws {
        let run = try Binary.run(["--data", "Datasets/seed", "-q"], input: bad.statement + "\n")
        #expect(run.status == 1)
        let lines = run.errors.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in bad.expected { #expect(lines.contains(line), "\(run.errors)") }
    }
}
