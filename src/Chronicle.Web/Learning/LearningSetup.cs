using Chronicle.Core.Learning;

namespace Chronicle.Web.Learning;

/// <summary>The learning cycle's services.</summary>
public static class LearningSetup
{
    public static IServiceCollection AddChronicleLearning(this IServiceCollection services) => services.AddScoped<LearningService>();
}
