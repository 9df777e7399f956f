// API requests (viewer request, cloudfront-js-2.0). Two jobs, in this order.
//
// 1. CloudFront signs every request to the API's Function URL (origin access control), but it does
//    not hash request bodies: Lambda takes the body's SHA-256 from the client's x-amz-content-sha256
//    header, and without it refuses the request with a signature error that says nothing useful.
//    Say plainly what is missing instead.
//
// 2. The person's access token comes as `Authorization: Bearer …`, but origin access control puts its
//    own SigV4 signature in Authorization (CloudFront would not forward the viewer's anyway: an origin
//    request policy cannot include it). So the token moves to x-livetodos-authorization, which the
//    origin request policy forwards as it forwards every viewer header, and which the server is told
//    to read (LIVETODOS_SECURITY_TOKEN_HEADER). The rules:
//    - whatever the client sent in x-livetodos-authorization is dropped, always: the only way in is
//      the standard header, as on every other host, and nobody can send two tokens;
//    - exactly one Authorization header with the Bearer scheme moves, unchanged (the server checks
//      its form and the token); any other Authorization (another scheme, or several headers) is
//      dropped with no replacement, so the server answers 401;
//    - Authorization itself never goes on.
var METHODS_WITH_BODY = { POST: true, PUT: true, PATCH: true, DELETE: true };
var TOKEN_HEADER = 'x-livetodos-authorization';
var BEARER = /^Bearer /i;

function handler(event) {
    var request = event.request;
    var headers = request.headers;
    if (METHODS_WITH_BODY[request.method] && !headers['x-amz-content-sha256']) {
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
    var authorization = headers.authorization;
    delete headers[TOKEN_HEADER];
    delete headers.authorization;
    if (authorization && !(authorization.multiValue && authorization.multiValue.length > 1)
            && BEARER.test(authorization.value)) {
        headers[TOKEN_HEADER] = { value: authorization.value };
    }
    return request;
}
