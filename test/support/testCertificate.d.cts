/** Makes a self-signed certificate for 127.0.0.1 with openssl; returns the PEM file paths. */
export declare function createTestCertificate(): { keyPath: string; certPath: string };
