using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security;

/// <summary>
/// Property tests over every write the API takes: a valid request broken by random JSON shapes, values of the wrong
/// type, missing required fields, unknown fields and huge strings, or replaced by random JSON or bytes, is refused
/// (never a 500) and writes nothing: no row in any table of the record, and no write in the audit.
/// </summary>
[Collection(EmilyCollection.Name)]
public sealed class MalformedInputTests(EmilyApp emily)
{
    /// <summary>One write the API takes: where, a valid body, the field it cannot do without, and whether an administrator sends it.</summary>
    public sealed record Write(string Path, JsonObject Valid, string Required, bool Admin);

    public sealed record Case(Write Write, string Body, string How)
    {
        public override string ToString() => $"{How} POST {Write.Path}: {(Body.Length > 300 ? Body[..300] + "..." : Body)}";
    }

    private IReadOnlyList<Write> Writes()
    {
        JsonObject Entry() => new()
        {
            ["kind"] = "home-visit",
            ["details"] = new JsonObject { ["childSeen"] = true },
            ["occurredAt"] = "2020-01-01T10:00:00Z",
            ["occurredPrecision"] = "exact",
            ["subjects"] = new JsonArray(emily.Emily.ToString()),
            ["source"] = "seen-by-recorder",
        };
        return
        [
            new("/api/people", new() { ["kind"] = "child", ["knownAs"] = "Fuzz", ["dateOfBirth"] = "2015-01-01" }, "kind", false),
            new("/api/relationships", new() { ["personId"] = emily.Mother.ToString(), ["kind"] = "mother", ["relatedPersonId"] = emily.Emily.ToString() }, "personId", false),
            new("/api/households", new() { ["name"] = "Fuzz", ["members"] = new JsonArray(new JsonObject { ["personId"] = emily.Mother.ToString() }) }, "name", false),
            new($"/api/households/{emily.Household}/members", new() { ["personId"] = emily.Emily.ToString() }, "personId", false),
            new("/api/addresses", new() { ["personId"] = emily.Mother.ToString(), ["address"] = "1 Fuzz Street" }, "address", false),
            new("/api/involvements", new() { ["personId"] = emily.Emily.ToString(), ["agencyId"] = emily.Agency.ToString(), ["role"] = "fuzz", ["from"] = "2020-01-01" }, "role", false),
            new($"/api/involvements/{emily.Involvement}/end", new() { ["to"] = "2030-01-01" }, "to", false),
            new("/api/entries", Entry(), "kind", false),
            new($"/api/entries/{emily.Entry}/corrections", new() { ["entry"] = Entry(), ["reason"] = "Fuzz" }, "reason", false),
            new("/api/agencies", new() { ["name"] = "Fuzz", ["kind"] = "police" }, "name", true),
            new("/api/teams", new() { ["agencyId"] = emily.Agency.ToString(), ["name"] = "Fuzz" }, "name", true),
            new("/api/professionals", new() { ["name"] = "Fuzz", ["agencyId"] = emily.Agency.ToString(), ["role"] = "police-officer" }, "name", true),
        ];
    }

    private static readonly Gen<string> Text =
        Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(32, 0x2FF).Select(c => (char)c), n)).Select(cs => new string(cs));

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Gen.Constant<JsonNode?>(null),
        ArbMap.Default.GeneratorFor<bool>().Select(b => (JsonNode?)JsonValue.Create(b)),
        ArbMap.Default.GeneratorFor<int>().Select(i => (JsonNode?)JsonValue.Create(i)),
        ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Text.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Choose(10_000, 300_000).Select(n => (JsonNode?)JsonValue.Create(new string('x', n))),
        Gen.Constant<JsonNode?>(JsonValue.Create(Guid.NewGuid().ToString())),
        Gen.Elements("2015-13-45", "0001-01-01", "9999-12-31T23:59:59Z", "-1", "NaN", "null", "{}", "nhs-number").Select(s => (JsonNode?)JsonValue.Create(s)));

    /// <summary>Any JSON value, nested a few levels.</summary>
    private static Gen<JsonNode?> Value(int depth) => depth <= 0 ? Scalar : Gen.OneOf(
        Scalar,
        Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Value(depth - 1), n)).Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())])),
        Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Text.Zip(Value(depth - 1)), n))
            .Select(pairs => (JsonNode?)Object(pairs.DistinctBy(p => p.Item1).Select(p => (p.Item1, p.Item2)))));

    private static JsonObject Object(IEnumerable<(string Key, JsonNode? Value)> pairs)
    {
        var o = new JsonObject();
        foreach (var (key, value) in pairs) o[key] = value?.DeepClone();
        return o;
    }

    /// <summary>A value of a type the field cannot take: never a string where a string belongs, never a number where one does.</summary>
    private static Gen<JsonNode?> WrongFor(JsonNode? valid) => valid switch
    {
        JsonValue v when v.TryGetValue<string>(out _) => Gen.OneOf(Gen.Constant<JsonNode?>(new JsonObject()), Gen.Constant<JsonNode?>(new JsonArray()), ArbMap.Default.GeneratorFor<bool>().Select(b => (JsonNode?)JsonValue.Create(b)), ArbMap.Default.GeneratorFor<int>().Select(i => (JsonNode?)JsonValue.Create(i))),
        JsonValue => Gen.OneOf(Gen.Constant<JsonNode?>(new JsonObject()), Gen.Constant<JsonNode?>(new JsonArray()), Text.Select(s => (JsonNode?)JsonValue.Create("x" + s))),
        JsonArray => Gen.OneOf(Gen.Constant<JsonNode?>(new JsonObject()), Text.Select(s => (JsonNode?)JsonValue.Create(s)), ArbMap.Default.GeneratorFor<int>().Select(i => (JsonNode?)JsonValue.Create(i))),
        _ => Gen.OneOf(Gen.Constant<JsonNode?>(new JsonArray()), Text.Select(s => (JsonNode?)JsonValue.Create(s)), ArbMap.Default.GeneratorFor<int>().Select(i => (JsonNode?)JsonValue.Create(i))),
    };

    private Gen<Case> Cases()
    {
        var writes = Writes();
        return Gen.Elements(writes.ToArray()).SelectMany(write =>
        {
            var fields = write.Valid.Select(p => p.Key).ToArray();
            var unknown = Text.Zip(Value(2)).Select(p =>
            {
                var body = (JsonObject)write.Valid.DeepClone();
                body["zz" + new string([.. p.Item1.Where(char.IsAsciiLetter)])] = p.Item2?.DeepClone();
                return new Case(write, body.ToJsonString(), "unknown field");
            });
            var wrongType = Gen.Elements(fields).SelectMany(field => WrongFor(write.Valid[field]).Select(value =>
            {
                var body = (JsonObject)write.Valid.DeepClone();
                body[field] = value;
                return new Case(write, body.ToJsonString(), $"wrong type for {field}");
            }));
            var missing = Gen.Constant(0).Select(_ =>
            {
                var body = (JsonObject)write.Valid.DeepClone();
                body.Remove(write.Required);
                return new Case(write, body.ToJsonString(), $"no {write.Required}");
            });
            var huge = Gen.Elements(fields).Zip(Gen.Choose(100_000, 1_000_000)).Select(p =>
            {
                var body = (JsonObject)write.Valid.DeepClone();
                body[p.Item1] = new string('y', p.Item2);
                body["zzHuge"] = true;
                return new Case(write, body.ToJsonString(), $"huge {p.Item1} and an unknown field");
            });
            var shape = Value(3).Where(v => v is not JsonObject).Select(v => new Case(write, v?.ToJsonString() ?? "null", "not an object"));
            var shapeObject = Value(3).Where(v => v is JsonObject o && o.Count > 0 && o.Any(p => !fields.Contains(p.Key)))
                .Select(v => new Case(write, v!.ToJsonString(), "random object"));
            var bytes = Text.Select(s => new Case(write, "{" + s, "not JSON"));
            return Gen.OneOf(unknown, wrongType, missing, huge, shape, shapeObject, bytes);
        });
    }

    [Fact]
    public async Task Malformed_writes_are_refused_never_with_a_500_and_write_nothing()
    {
        var worker = await emily.ClientAsync(Actor.TeamPractitioner);
        var admin = await emily.ClientAsync(Actor.Administrator);
        var before = await CountAsync();
        var answers = new List<string>();

        Prop.ForAll(Arb.From(Cases()), new Func<Case, bool>(c =>
        {
            using var content = new StringContent(c.Body, Encoding.UTF8, "application/json");
            using var response = (c.Write.Admin ? admin : worker).PostAsync(c.Write.Path, content).GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            answers.Add($"{status} {c.How}");
            return status is >= 400 and < 500 && response.StatusCode != HttpStatusCode.Unauthorized && response.StatusCode != HttpStatusCode.Forbidden;
        })).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

        Assert.Equal(before, await CountAsync());
        Assert.True(answers.Count >= 300);
        Assert.Contains(answers, a => a.StartsWith("400 unknown field", StringComparison.Ordinal));
        Assert.Contains(answers, a => a.StartsWith("400 wrong type", StringComparison.Ordinal));
    }

    /// <summary>How many rows each table of the record holds, ended involvements and audited writes.</summary>
    private async Task<string> CountAsync()
    {
        await using var db = emily.App.OpenDb();
        return string.Join(", ",
            await db.People.CountAsync(), await db.PersonIdentifiers.CountAsync(), await db.Relationships.CountAsync(), await db.Households.CountAsync(),
            await db.HouseholdMemberships.CountAsync(), await db.AddressFacts.CountAsync(), await db.Involvements.CountAsync(),
            await db.Involvements.CountAsync(i => i.To != null), await db.Entries.CountAsync(), await db.EntrySubjects.CountAsync(),
            await db.Agencies.CountAsync(), await db.Teams.CountAsync(), await db.Professionals.CountAsync(), await db.IdempotencyRecords.CountAsync(),
            await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Write));
    }
}
