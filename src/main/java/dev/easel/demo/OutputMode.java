package dev.easel.demo;

/** How the demo delivers images, mirroring the worker-comfyui variants a client meets. */
public enum OutputMode {
    /** worker-comfyui 5.x default: {@code images[]} with {@code type: base64}. */
    BASE64,
    /** 5.x with S3 configured: {@code images[]} with {@code type: s3_url}, served by the demo itself. */
    S3_URL,
    /** worker-comfyui before 5.0: one image as raw base64 in {@code output.message}. */
    LEGACY_MESSAGE
}
