import { z } from 'zod'

// Zod probes for `new Function` when it builds an object schema, and pages run under a CSP with
// no eval: that probe is a CSP violation. Importing this module first (before any schema is
// built) turns the probe off. The renderer and the preload import it as their first import.
z.config({ jitless: true })
