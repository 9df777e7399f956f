// Cognito pre token generation trigger (event version 2). Cognito's access tokens name the person
// only by `sub` and a generated `username`; the API shows and stores a display name from the token
// it is sent (`name`, else `email`), and the page sends the access token, not the ID token. So the
// person's name and e-mail address go into the access token too. Both are attributes of the pool
// (name required at sign-up, email verified before the first sign-in); an absent one is left out.
exports.handler = async function (event) {
    var attributes = (event.request && event.request.userAttributes) || {};
    var claims = {};
    if (attributes.name) {
        claims.name = attributes.name;
    }
    if (attributes.email) {
        claims.email = attributes.email;
    }
    event.response = {
        claimsAndScopeOverrideDetails: {
            accessTokenGeneration: { claimsToAddOrOverride: claims }
        }
    };
    return event;
};
