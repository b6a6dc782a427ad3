/**
 * Free-text fields in request bodies (descriptions, names, references): bounded length, and no
 * control or bidirectional-override characters (they can hide or reorder text in the owner's
 * bunq app and audit views). Refused, never stripped.
 */
import { z } from 'zod';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function text(maxLength: number) {
  return z
    .string()
    .max(maxLength, `at most ${maxLength} characters`)
    .refine((value) => !UNSAFE.test(value), 'control or bidirectional-override characters are not allowed');
}
