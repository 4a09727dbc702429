// Where a signed-in page's CSRF token travels: a hidden form field, or a header htmx sends.
// The session middleware checks them and the views write them, so the names live here for both.
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
