/** The version of the Weft wire API. Clients send it; servers answer with theirs. */
export const API_VERSION = '0.1.0';
