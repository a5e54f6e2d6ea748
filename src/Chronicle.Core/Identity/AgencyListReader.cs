using System.Globalization;
using System.Text;
using System.Text.Json;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;

namespace Chronicle.Core.Identity;

/// <summary>A list as read: its rows, and what was set aside without refusing the file (an NHS number that fails its check is not used).</summary>
public sealed record AgencyList(List<AgencyListRow> Rows, IReadOnlyList<string> Warnings);

/// <summary>One person as an agency's list gives them.</summary>
public sealed record AgencyListRow(
    int Line, string AgencyRecordId, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, DatePrecision DateOfBirthPrecision, Sex Sex,
    string? NhsNumber, string? Postcode, string? Address)
{
    public MatchRecord ToMatchRecord() =>
        MatchRecord.From(null, [(GivenName, FamilyName)], DateOfBirth, DateOfBirthPrecision, Sex, [NhsNumber], [Postcode], [Address]);

    /// <summary>What the row says, hashed: the same row read again is recognised and changes nothing.</summary>
    public string ContentHash() => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
        AgencyRecordId, GivenName, FamilyName, DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), DateOfBirthPrecision, Sex, NhsNumber, Postcode, Address))))[..32];
}

/// <summary>
/// Reads an agency's list: CSV with at least the columns agency_record_id, given_name, family_name, date_of_birth,
/// sex, nhs_number, postcode and address; or FHIR R4 Patient resources, as a Bundle or as NDJSON (one resource a
/// line), as NHS systems export them. The whole file is read before anything is linked: any row in error refuses
/// the file, each error naming its line and field. An NHS number that fails its check is not an error of the file
/// (lists hold mistyped numbers): it is left out of matching and reported as a warning.
/// </summary>
public static class AgencyListReader
{
    public static readonly string[] CsvColumns = ["agency_record_id", "given_name", "family_name", "date_of_birth", "sex", "nhs_number", "postcode", "address"];

    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";

    public static Outcome<AgencyList> Read(string fileName, string text)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (trimmed.StartsWith('{')) return ReadFhir(trimmed);
        if (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
            return Outcome<AgencyList>.Refused("file", "The file is not FHIR JSON: it should hold a Bundle, or one Patient resource a line");
        return ReadCsv(trimmed);
    }

    public static Outcome<AgencyList> ReadCsv(string text)
    {
        var lines = SplitCsv(text);
        if (lines.Count == 0) return Outcome<AgencyList>.Refused("file", "The file is empty");
        var header = lines[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = CsvColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0) return Outcome<AgencyList>.Refused("file", $"The CSV's first line lacks the column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}");
        var at = CsvColumns.ToDictionary(c => c, c => header.IndexOf(c));
        var rows = new List<AgencyListRow>();
        var warnings = new List<string>();
        var problems = new Problems();
        var seen = new HashSet<string>();
        foreach (var (number, fields) in lines.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            string? Get(string column) => at[column] < fields.Count && !string.IsNullOrWhiteSpace(fields[at[column]]) ? fields[at[column]].Trim() : null;
            var p = problems.For($"line {number}");
            var id = Get("agency_record_id");
            if (id is null) p.Add("agency_record_id", "Give the agency's own id for the person");
            else if (!seen.Add(id)) p.Add("agency_record_id", $"The id {id} is on an earlier line too");
            var (dob, precision) = ParseDate(Get("date_of_birth"), p, "date_of_birth");
            var sex = ParseSex(Get("sex"), p);
            var nhs = ParseNhs(Get("nhs_number"), $"line {number}", warnings);
            if (Get("given_name") is null && Get("family_name") is null && nhs is null) p.Add("given_name", "Give a name or an NHS number");
            CheckTexts(p, ("agency_record_id", id), ("given_name", Get("given_name")), ("family_name", Get("family_name")), ("postcode", Get("postcode")), ("address", Get("address")));
            if (id is not null) rows.Add(new AgencyListRow(number, id, Get("given_name"), Get("family_name"), dob, precision, sex, nhs, Get("postcode"), Get("address")));
        }
        return problems.Any ? Outcome<AgencyList>.Refused(problems.Errors) : Outcome<AgencyList>.Ok(new AgencyList(rows, warnings));
    }

    /// <summary>
    /// A list's texts are held to the limits of the same fields typed into Chronicle (TextLimits): a name too long, or
    /// holding a control character or one that changes the direction of the text around it (with which a name reads as
    /// someone else's), refuses the file as a form or the API would refuse it.
    /// </summary>
    private static void CheckTexts(Problems p, params (string Field, string? Value)[] texts)
    {
        foreach (var (field, value) in texts)
        {
            var (kind, label) = field switch
            {
                "given_name" or "name.given" => (TextKind.Name, "The given name"),
                "family_name" or "name.family" => (TextKind.Name, "The family name"),
                "postcode" or "address.postalCode" => (TextKind.Identifier, "The postcode"),
                "address" => (TextKind.Address, "The address"),
                _ => (TextKind.Identifier, "The agency's id for the person"),
            };
            if (TextLimits.Problem(value, kind, label) is { } problem) p.Add(field, problem);
        }
    }

    private static (DateOnly?, DatePrecision) ParseDate(string? value, Problems p, string field)
    {
        if (value is null) return (null, DatePrecision.Unknown);
        if (IsoDay(value) is { } iso) return (iso, DatePrecision.Day);
        if (DateOnly.TryParseExact(value, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return (day, DatePrecision.Day);
        if (DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)) return (month, DatePrecision.Month);
        if (value.Length == 4 && int.TryParse(value, out var year) && year is > 1880 and < 2200) return (new DateOnly(year, 1, 1), DatePrecision.Year);
        p.Add(field, $"'{value}' is not a date: write it as YYYY-MM-DD (or YYYY-MM, or YYYY when only that is known)");
        return (null, DatePrecision.Unknown);
    }

    /// <summary>A date written yyyy-MM-dd, as most lists write it, read without the general parser; anything else is left to it.</summary>
    private static DateOnly? IsoDay(string value)
    {
        if (value.Length != 10 || value[4] != '-' || value[7] != '-') return null;
        int Digits(int start, int count)
        {
            var n = 0;
            for (var i = start; i < start + count; i++)
            {
                if (!char.IsAsciiDigit(value[i])) return -1;
                n = n * 10 + (value[i] - '0');
            }
            return n;
        }
        int year = Digits(0, 4), month = Digits(5, 2), day = Digits(8, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        return new DateOnly(year, month, day);
    }

    private static Sex ParseSex(string? value, Problems p)
    {
        switch (value?.ToLowerInvariant())
        {
            case null or "u" or "unknown" or "not known" or "9" or "0": return Sex.NotKnown;
            case "f" or "female" or "2": return Sex.Female;
            case "m" or "male" or "1": return Sex.Male;
            case "i" or "indeterminate" or "other": return Sex.Indeterminate;
            default:
                p.Add("sex", $"'{value}' is not a sex: use F, M or U (not known)");
                return Sex.NotKnown;
        }
    }

    /// <summary>An NHS number that fails its check says nothing about who the person is: it is left out, with a warning.</summary>
    private static string? ParseNhs(string? value, string where, List<string> warnings)
    {
        if (value is null) return null;
        var parsed = NhsNumber.Parse(value, "nhs_number");
        if (parsed.Succeeded) return parsed.Value;
        warnings.Add($"{where}: the NHS number is not valid (wrong format or check digit), so it was not used");
        return null;
    }

    private static List<(int Line, List<string> Fields)> SplitCsv(string text)
    {
        var result = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var start = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    result.Add((start, fields)); fields = [];
                    line++; start = line;
                    break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); result.Add((start, fields)); }
        return result;
    }

    public static Outcome<AgencyList> ReadFhir(string text)
    {
        var resources = new List<(int Line, JsonElement Resource)>();
        var problems = new Problems();
        try
        {
            using var whole = JsonDocument.Parse(text);
            var root = whole.RootElement.Clone();
            if (Str(root, "resourceType") == "Bundle")
            {
                var n = 0;
                if (root.TryGetProperty("entry", out var entries))
                    foreach (var entry in entries.EnumerateArray())
                    {
                        n++;
                        if (entry.TryGetProperty("resource", out var r)) resources.Add((n, r));
                    }
            }
            else resources.Add((1, root));
        }
        catch (JsonException)
        {
            // Not one JSON document: NDJSON, one resource a line.
            var number = 0;
            foreach (var raw in text.Split('\n'))
            {
                number++;
                if (string.IsNullOrWhiteSpace(raw)) continue;
                try
                {
                    using var doc = JsonDocument.Parse(raw);
                    resources.Add((number, doc.RootElement.Clone()));
                }
                catch (JsonException) { problems.Add($"line {number}", "The line is not a JSON resource"); }
            }
        }
        var rows = new List<AgencyListRow>();
        var warnings = new List<string>();
        var seen = new HashSet<string>();
        foreach (var (number, r) in resources)
        {
            if (Str(r, "resourceType") != "Patient") continue;
            var p = problems.For($"entry {number}");
            var id = Str(r, "id");
            if (id is null) { p.Add("id", "A Patient resource needs its id, the agency's own id for the person"); continue; }
            if (!seen.Add(id)) p.Add("id", $"The id {id} is on an earlier resource too");
            string? given = null, family = null;
            if (r.TryGetProperty("name", out var names) && names.ValueKind == JsonValueKind.Array)
            {
                var name = names.EnumerateArray().OrderBy(n => Str(n, "use") switch { "official" => 0, "usual" => 1, null => 2, _ => 3 }).FirstOrDefault();
                if (name.ValueKind == JsonValueKind.Object)
                {
                    family = Str(name, "family");
                    if (name.TryGetProperty("given", out var g) && g.ValueKind == JsonValueKind.Array) given = g.EnumerateArray().Select(x => x.GetString()).FirstOrDefault();
                }
            }
            var (dob, precision) = ParseDate(Str(r, "birthDate"), p, "birthDate");
            var sex = Str(r, "gender") switch { "female" => Sex.Female, "male" => Sex.Male, "other" => Sex.Indeterminate, _ => Sex.NotKnown };
            string? nhs = null;
            if (r.TryGetProperty("identifier", out var ids) && ids.ValueKind == JsonValueKind.Array)
                foreach (var identifier in ids.EnumerateArray())
                    if (Str(identifier, "system") == NhsNumberSystem) nhs = ParseNhs(Str(identifier, "value"), $"entry {number}", warnings);
            string? postcode = null, address = null;
            if (r.TryGetProperty("address", out var addresses) && addresses.ValueKind == JsonValueKind.Array)
            {
                var a = addresses.EnumerateArray().OrderBy(x => Str(x, "use") == "home" ? 0 : 1).FirstOrDefault();
                if (a.ValueKind == JsonValueKind.Object)
                {
                    postcode = Str(a, "postalCode");
                    var parts = new List<string>();
                    if (a.TryGetProperty("line", out var lines) && lines.ValueKind == JsonValueKind.Array) parts.AddRange(lines.EnumerateArray().Select(l => l.GetString()).OfType<string>());
                    if (Str(a, "city") is { } city) parts.Add(city);
                    address = parts.Count > 0 ? string.Join(", ", parts) : Str(a, "text");
                }
            }
            if (given is null && family is null && nhs is null) p.Add("name", "Give a name or an NHS number");
            CheckTexts(p, ("id", id), ("name.given", given), ("name.family", family), ("address.postalCode", postcode), ("address", address));
            rows.Add(new AgencyListRow(number, id, given, family, dob, precision, sex, nhs, postcode, address));
        }
        if (!problems.Any && rows.Count == 0) problems.Add("file", "The file holds no Patient resources");
        return problems.Any ? Outcome<AgencyList>.Refused(problems.Errors) : Outcome<AgencyList>.Ok(new AgencyList(rows, warnings));
    }

    private static string? Str(JsonElement e, string property) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
