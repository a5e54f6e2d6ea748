using System.Text.Json;
using Chronicle.Testing;

namespace Chronicle.Cli.Tests.Learning;

public sealed class ImportBriefCommandTests
{
    [Fact]
    public async Task Child_BF_imports_with_its_numbered_structure_as_json()
    {
        var (exit, output, _) = await CliRunner.RunAsync("import-brief", Path.Combine(RepositoryFiles.SeedsFolder, "004_74f6bd7529b317a6.txt"), "--json");
        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["title", "findings", "lessons", "recommendations", "actions", "goodPractice", "themes"], root.EnumerateObject().Select(p => p.Name).Take(7));
        Assert.Equal(7, root.GetProperty("findings").GetArrayLength());
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9"], root.GetProperty("recommendations").EnumerateArray().Select(r => r.GetProperty("number").GetString()));
    }

    [Fact]
    public async Task An_unreadable_file_is_named_in_the_error()
    {
        var (exit, _, error) = await CliRunner.RunAsync("import-brief", "/nonexistent/brief.txt");
        Assert.Equal(2, exit);
        Assert.Contains("/nonexistent/brief.txt", error);
    }
}
