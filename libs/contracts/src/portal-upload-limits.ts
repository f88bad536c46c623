/**
 * What one customer message from the portal may carry, for both sides of the customer API: the web
 * channel's page (multipart) and the agent API's JSON endpoint (base64), whose body limits follow.
 */
export const PORTAL_UPLOAD_LIMITS = { files: 5, totalBytes: 10 * 1024 * 1024, nameLength: 200 } as const;
