@testable import FTECore
import Foundation
import Testing

/// ``QuestionGrouper`` on vectors whose similarities are known.
@Suite struct QuestionGrouperTests {
    /// A unit vector at `degrees` in the plane of the first two axes (cosine between two is the
    /// cosine of their angle difference).
    static func vector(_ degrees: Double, dimension: Int = 8) -> [Float] {
        var v = [Float](repeating: 0, count: dimension)
        v[0] = Float(cos(degrees * .pi / 180))
        v[1] = Float(sin(degrees * .pi / 180))
        return v
    }

    @Test func closeQuestionsGroupAndDistantOnesStayApart() {
        // 0°, 10°, 20° are within cos 20° = 0.94 of each other; 90° and 100° form another group; 200° is alone.
        let vectors = [0.0, 90, 10, 200, 100, 20].map { Self.vector($0) }
        let groups = QuestionGrouper(similarity: 0.8).group(vectors)
        #expect(groups.map { Set($0.members) } == [[0, 2, 5], [1, 4], [3]])
        #expect(groups[0].centre == 2, "10° is the group's most typical member")
        #expect(groups.map(\.weight) == [3, 2, 1])
    }

    @Test func averageLinkageDoesNotChain() {
        // 0°, 30°, 60°, 90°: neighbours are cos 30° = 0.87 apart, but 0° and 90° are orthogonal;
        // at 0.8 a chain would join all four, the averages stop at pairs.
        let vectors = [0.0, 30, 60, 90].map { Self.vector($0) }
        let groups = QuestionGrouper(similarity: 0.8).group(vectors)
        #expect(groups.count == 2)
        #expect(groups.allSatisfy { $0.members.count == 2 })
    }

    @Test func weightsMakeOftenAskedQuestionsLead() {
        let vectors = [0.0, 15].map { Self.vector($0) }
        let groups = QuestionGrouper(similarity: 0.9).group(vectors, weights: [1, 5])
        #expect(groups.count == 1 && groups[0].weight == 6)
        #expect(groups[0].centre == 1, "the wording asked five times is the example")
    }

    @Test func nothingToGroup() {
        #expect(QuestionGrouper().group([]).isEmpty)
        #expect(QuestionGrouper().group([Self.vector(0)]).map(\.members) == [[0]])
    }
}
