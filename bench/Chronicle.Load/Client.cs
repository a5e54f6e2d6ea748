using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chronicle.Core;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;

namespace Chronicle.Load;

/// <summary>A user of the partnership the load test signs in as: their account, professional, and children.</summary>
public sealed record User(string UserName, Guid ProfessionalId, IReadOnlyList<Guid> Children, string SearchName);

/// <summary>One timed request: which operation, how long, and whether it answered as a user expects.</summary>
public sealed record Sample(string Operation, double Milliseconds, bool Ok);

/// <summary>
/// One person at a browser or an API client: signs in through the sign-in form, then asks for pages and writes
/// entries as that user would, timing each request. Cookies are kept as a browser keeps them.
/// </summary>
public sealed partial class Client(Uri address, User user, string password, Guid? bigChild) : IDisposable
{
    private static readonly JsonSerializerOptions Json = ChronicleJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static readonly EntryDetails[] Writes =
    [
        new HomeVisit { ChildSeen = true, ChildSeenAlone = true, Observations = "Child seen alone in their bedroom; home warm and tidy" },
        new Observation { Topic = ObservationTopic.ChildsVoice, Text = "Said they like school and their teacher" },
        new Appointment { Service = "GP", Outcome = AppointmentOutcome.Attended },
        new Observation { Topic = ObservationTopic.HomeConditions, Text = "Came to school hungry and in the same clothes" },
    ];

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromMinutes(2),
    };
    private readonly Random _random = new(user.UserName.GetHashCode(StringComparison.Ordinal));
    private string? _token;
    private int _written;

    public User User => user;

    public async Task<Sample> SignInAsync()
    {
        return await TimeAsync("sign-in", async () =>
        {
            var page = await _http.GetStringAsync("/sign-in");
            var response = await _http.PostAsync("/sign-in", Form(page, new() { ["userName"] = user.UserName, ["password"] = password }));
            return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString != "/sign-in";
        });
    }

    /// <summary>When the phase ends: no request is started after it, so a phase lasts at most one request longer.</summary>
    public DateTime Deadline { get; set; } = DateTime.MaxValue;

    /// <summary>What a practitioner reads, each measured on its own: the clients all ask for it at once.</summary>
    public static readonly string[] Pages = ["home page", "search", "child page", "my alerts", "inbox"];

    /// <summary>
    /// The child with the long chronology (--big-child-entries), read by clients signed in as their social worker: the
    /// child page, the chronology's first page, its last page, a filtered view (significant entries only), and the
    /// API's first page.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> BigChildPages = new Dictionary<string, string>
    {
        ["long chronology: child page"] = "/children/{0}",
        ["long chronology: first page"] = "/children/{0}/chronology",
        ["long chronology: last page"] = "/children/{0}/chronology?page=1000000",
        ["long chronology: significant only"] = "/children/{0}/chronology?significance=Significant",
        ["long chronology: API, first page"] = "/api/children/{0}/chronology",
    };

    public const string Write = "write an entry (API)";

    /// <summary>One request of the operation, unless the phase's time is up.</summary>
    public Task RoundAsync(string operation, List<Sample> samples) => operation switch
    {
        "home page" => TimedAsync(samples, () => GetAsync(operation, "/")),
        "search" => TimedAsync(samples, SearchAsync),
        "child page" => TimedAsync(samples, () => GetAsync(operation, $"/children/{user.Children[_random.Next(user.Children.Count)]}")),
        "my alerts" => TimedAsync(samples, () => GetAsync(operation, "/alerts/mine")),
        "inbox" => TimedAsync(samples, () => GetAsync(operation, "/inbox")),
        Write => TimedAsync(samples, WriteAsync),
        _ when bigChild is { } big && BigChildPages.TryGetValue(operation, out var path)
            => TimedAsync(samples, () => GetAsync(operation, string.Format(CultureInfo.InvariantCulture, path, big))),
        _ => throw new ArgumentException($"No such operation: {operation}", nameof(operation)),
    };

    /// <summary>The home page under another name (another role's), in a phase of its own.</summary>
    public Task HomeRoundAsync(string operation, List<Sample> samples) => TimedAsync(samples, () => GetAsync(operation, "/"));

    /// <summary>The search form on the home page, posted with the antiforgery token every page carries (the sign-out form's).</summary>
    private async Task<Sample> SearchAsync()
    {
        if (_token is null && Token().Match(await _http.GetStringAsync("/inbox")) is { Success: true } token) _token = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await TimeAsync("search", async () =>
        {
            var response = await _http.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = user.SearchName, ["__RequestVerificationToken"] = _token ?? "" }));
            await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK;
        });
    }

    /// <summary>An entry about one of the user's children through the JSON API, as a case management system would send it.</summary>
    private async Task<Sample> WriteAsync()
    {
        var child = user.Children[_random.Next(user.Children.Count)];
        var details = Writes[_written++ % Writes.Length];
        var entry = new EntryInput
        {
            Kind = EntryKinds.Of(details).Code,
            Details = JsonDocument.Parse(DetailsReader.Write(details)).RootElement,
            OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-30),
            OccurredPrecision = Chronicle.Core.Time.DatePrecision.Exact,
            RecordedByProfessionalId = user.ProfessionalId,
            Subjects = [child],
            Source = Source.SeenByRecorder,
        };
        return await TimeAsync(Write, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/entries") { Content = JsonContent.Create(entry, options: Json) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var response = await _http.SendAsync(request);
            await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.Created;
        });
    }

    private async Task TimedAsync(List<Sample> samples, Func<Task<Sample>> request)
    {
        if (DateTime.UtcNow < Deadline) samples.Add(await request());
    }

    private Task<Sample> GetAsync(string operation, string path) => TimeAsync(operation, async () =>
    {
        var response = await _http.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK;
    });

    private static async Task<Sample> TimeAsync(string operation, Func<Task<bool>> request)
    {
        var clock = Stopwatch.StartNew();
        bool ok;
        try
        {
            ok = await request();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            ok = false;
        }
        return new Sample(operation, clock.Elapsed.TotalMilliseconds, ok);
    }

    private static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields)
    {
        if (Token().Match(page) is { Success: true } token) fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return new FormUrlEncodedContent(fields);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public void Dispose() => _http.Dispose();
}
