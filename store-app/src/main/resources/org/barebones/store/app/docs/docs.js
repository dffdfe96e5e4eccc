// Points Swagger UI at the document this server serves, relative to /docs/.
window.ui = SwaggerUIBundle({
  url: new URL("../openapi.json", window.location.href).toString(),
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  plugins: [SwaggerUIBundle.plugins.DownloadUrl],
  layout: "StandaloneLayout",
  validatorUrl: null
});
