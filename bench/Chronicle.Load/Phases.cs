using System.Diagnostics;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Load;

/// <summary>How long each phase runs and how many requests each client makes in it at most.</summary>
public sealed record Bounds(TimeSpan Duration, int RequestsPerClient);

/// <summary>Clients in parallel, each repeating its round until the phase's time or its count of requests is reached.</summary>
public static class Phases
{
    public static async Task<(Sample[] Samples, TimeSpan Elapsed)> RunAsync(IReadOnlyList<Client> clients, Bounds bounds, Func<Client, List<Sample>, Task> round)
    {
        var clock = Stopwatch.StartNew();
        foreach (var client in clients) client.Deadline = DateTime.UtcNow + bounds.Duration;
        var perClient = await Task.WhenAll(clients.Select(async client =>
        {
            var samples = new List<Sample>();
            while (clock.Elapsed < bounds.Duration && samples.Count < bounds.RequestsPerClient) await round(client, samples);
            return samples;
        }));
        return ([.. perClient.SelectMany(s => s)], clock.Elapsed);
    }
}

/// <summary>The users the clients sign in as: the printed social worker first, then the social workers leading the most children.</summary>
public static class Users
{
    public static async Task<List<User>> ReadAsync(DatabaseSettings settings, string first, int count)
    {
        await using var db = new ChronicleDb(settings.Options());
        var leads = await db.Involvements.AsNoTracking()
            .Where(i => i.IsLead && i.ProfessionalId != null && db.Professionals.Any(p => p.Id == i.ProfessionalId && p.Role == ProfessionalRole.SocialWorker))
            .Select(i => new { Professional = i.ProfessionalId!.Value, Child = i.PersonId })
            .ToListAsync();
        var accounts = await db.UserAccounts.AsNoTracking().Where(a => a.ProfessionalId != null).ToDictionaryAsync(a => a.ProfessionalId!.Value, a => a.UserName);
        var names = await db.People.AsNoTracking().Where(p => p.Kind != PersonKind.Adult).ToDictionaryAsync(p => p.Id, p => p.FamilyName ?? "");
        return [.. leads.GroupBy(l => l.Professional)
            .Select(g => new User(accounts[g.Key], g.Key, [.. g.Select(l => l.Child).Distinct()], names[g.First().Child]))
            .OrderByDescending(u => u.UserName == first).ThenByDescending(u => u.Children.Count).ThenBy(u => u.UserName, StringComparer.Ordinal)
            .Take(count)];
    }
}

/// <summary>What the machine is doing, and programs run to completion.</summary>
public static class Machine
{
    public static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}");
        return await output;
    }

    public static async Task<string> CommitAsync()
    {
        try
        {
            return (await RunAsync("git", ["-C", RepositoryFiles.Root, "rev-parse", "--short", "HEAD"])).Trim();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
