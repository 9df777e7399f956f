// API requests (viewer request, cloudfront-js-2.0). CloudFront signs every request to the API's
// Function URL (origin access control), but it does not hash request bodies: Lambda takes the
// body's SHA-256 from the client's x-amz-content-sha256 header, and without it refuses the request
// with a signature error that says nothing useful. Say plainly what is missing instead.
var METHODS_WITH_BODY = { POST: true, PUT: true, PATCH: true, DELETE: true };

function handler(event) {
    var request = event.request;
    if (METHODS_WITH_BODY[request.method] && !request.headers['x-amz-content-sha256']) {
        return {
            statusCode: 400,
            statusDescription: 'Bad Request',
            headers: {
                'content-type': { value: 'application/problem+json' },
                'cache-control': { value: 'no-store' }
            },
            body: {
                encoding: 'text',
                data: '{"type":"/problems/missing-content-hash","title":"Missing content hash","status":400,'
                    + '"detail":"Send the body\'s SHA-256, hex-encoded, in the x-amz-content-sha256 header.",'
                    + '"instance":"' + request.uri.replace(/["\\]/g, '') + '"}'
            }
        };
    }
    return request;
}
