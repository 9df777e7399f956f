// Site requests (viewer request, cloudfront-js-2.0). The page's own routes get the page: a path
// whose last segment has no file extension is answered with /index.html. Files are served as they
// are. This runs on the site's behavior only, so the API's own 404s reach the client untouched,
// which a distribution-wide error page would not allow.
function handler(event) {
    var request = event.request;
    var uri = request.uri;
    if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) {
        request.uri = '/index.html';
    }
    return request;
}
