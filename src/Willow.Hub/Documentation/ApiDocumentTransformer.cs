using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Willow.Hub.Documentation;

/// <summary>Names the API and declares how it authenticates, for the generated OpenAPI document.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Willow hub API",
            Version = "v1",
            Description = "Households, devices and commands. Every call needs an 'Authorization: Bearer' header with a token, except /health. " +
                "Errors are RFC 9457 problem details. A command's timeline records every state it went through.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token (people), gateway token or device token.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
