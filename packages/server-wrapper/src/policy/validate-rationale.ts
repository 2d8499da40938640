/** The shared rationale rules, fed from the wrapper's settings. */
import { type Validation, validateRationale as validate } from "@rationale/shared/rationale-rules";
import type { Config } from "../config/config.js";

export type { Validation };

export function validateRationale(text: string, config: Pick<Config, "rationaleMinLength" | "rationalePattern">): Validation {
  return validate(text, { minLength: config.rationaleMinLength, pattern: config.rationalePattern });
}
