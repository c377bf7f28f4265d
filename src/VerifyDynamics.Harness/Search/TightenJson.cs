using System.Text.Json.Nodes;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Search;

/// <summary>JSON forms of tightening and falsification results (the <c>--json</c> output and <c>reports/slack.json</c>).</summary>
public static class TightenJson
{
    public static JsonObject ToJson(TightenResult r, bool withCandidates = true)
    {
        var o = new JsonObject
        {
            ["statement"] = r.Statement.Id.ToString(),
            ["constant"] = r.Constant.Name,
            ["description"] = r.Constant.Description,
            ["paper"] = r.Paper.ToString(),
            ["paperValue"] = CanonicalJson.Number(r.Paper.ToDouble()),
            ["direction"] = r.Direction == TightenDirection.Up ? "up" : "down",
            ["directionReason"] = r.DirectionReason,
            ["paperHolds"] = r.PaperHolds,
            ["evidence"] = "empirical",
            ["lastGood"] = r.LastGood?.ToString(),
            ["lastGoodValue"] = r.LastGood is { } g ? CanonicalJson.Number(g.ToDouble()) : null,
            ["firstBad"] = r.FirstBad?.ToString(),
            ["firstBadValue"] = r.FirstBad is { } b ? CanonicalJson.Number(b.ToDouble()) : null,
            ["slackRatio"] = r.SlackRatio is { } q ? CanonicalJson.Number(q) : null,
            ["slackDifference"] = r.SlackDifference?.ToString(),
            ["slackDifferenceValue"] = r.SlackDifference is { } d ? CanonicalJson.Number(d.ToDouble()) : null,
            ["status"] = r.Status,
            ["seed"] = r.Options.Seed.ToString(),
            ["search"] = new JsonObject
            {
                ["trialsPerCandidate"] = r.Options.Search.Trials,
                ["localStepsPerCandidate"] = r.Options.Search.LocalSteps,
                ["starts"] = r.Options.Search.Starts,
                ["bracketSteps"] = r.Options.BracketSteps,
                ["bisectionSteps"] = r.Options.BisectionSteps,
                ["relativeTolerance"] = r.Options.RelativeTolerance,
            },
            ["evaluations"] = r.Evaluations,
        };
        if (r.Counterexample is { } cx && r.FirstBad is { } bad)
        {
            o["counterexample"] = Counterexample(cx, r.FoundBy, r.Statement, $"--set {r.Constant.Name}={bad}");
        }
        if (withCandidates)
        {
            o["candidates"] = new JsonArray([.. r.Candidates.Select(c => (JsonNode)new JsonObject
            {
                ["value"] = c.Value.ToString(),
                ["counterexample"] = c.Counterexample,
                ["foundBy"] = c.FoundBy,
                ["worstNormalized"] = c.WorstNormalized is { } w ? CanonicalJson.Number(w) : null,
                ["evaluations"] = c.Evaluations,
                ["accepted"] = c.Accepted,
                ["seed"] = c.Seed.ToString(),
            })]);
        }
        return o;
    }

    /// <summary>A confirmed counterexample: the violated margin, how it was found, the replayable instance and the replay command.</summary>
    public static JsonObject Counterexample(TrialRecord cx, string? foundBy, Statement statement, string setArguments) => new()
    {
        ["foundBy"] = foundBy,
        ["margin"] = cx.Worst?.Name,
        ["value"] = cx.Worst is { } m ? CanonicalJson.Number(m.Value) : null,
        ["tolerance"] = cx.Worst is { } t ? CanonicalJson.Number(t.Tolerance.Absolute) : null,
        ["detail"] = cx.Detail,
        ["replay"] = $"vd check {statement.Id} --instance FILE {setArguments}".TrimEnd(),
        ["instance"] = cx.Instance is { } x ? InstanceJson.ToJson(x) : null,
    };
}
