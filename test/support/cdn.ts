/**
 * The CDN base the emulator puts in its answers by default: the project's own `https://<prefix>.ucarecd.net`,
 * where the prefix is the first 10 base-36 digits of the SHA-256 of the public key
 * (https://uploadcare.com/docs/delivery/cdn/). Known for the demo key, so a test also catches a wrong algorithm.
 */
export const DEMO_CDN = "https://1s4oyld5dc.ucarecd.net";
