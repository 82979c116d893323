using Microsoft.Extensions.Options;

namespace TDeveloper.Hosting.Validation;

/// <summary>Binds options from configuration and validates them the one way the hosts use, with messages that name the full key.</summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>Binds <typeparamref name="T"/> from <paramref name="section"/>, validates its data annotations at start, and names the key in each failure.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section, string? name = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IValidateOptions<T>>(new KeyedDataAnnotationsValidator<T>(name ?? Options.DefaultName, section));
        return services.AddOptions<T>(name ?? Options.DefaultName).BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>Reads <typeparamref name="T"/> from <paramref name="section"/> now, for settings needed before the silo is built, validated as <see cref="AddValidatedOptions"/> does.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names each key.</exception>
    public static T GetValidated<T>(this IConfiguration configuration, string section, IValidateOptions<T>? validator = null) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var result = (validator ?? new KeyedDataAnnotationsValidator<T>(null, section)).Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(section, typeof(T), result.Failures) : options;
    }
}
