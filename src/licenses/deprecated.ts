/** What to write instead of a deprecated SPDX identifier. */
export interface DeprecatedSuccessor {
  /** The current expression for the same licence. */
  replacement: string;
  /**
   * For the GNU family the old id did not say whether later versions are allowed: the "or any later
   * version" form, also what `<id>+` means.
   */
  orLater?: string;
}

function gnu(base: string, exception?: string): DeprecatedSuccessor {
  const suffix = exception ? ` WITH ${exception}` : '';
  return { replacement: `${base}-only${suffix}`, orLater: `${base}-or-later${suffix}` };
}

/**
 * Successors of the ids in spdx-license-ids/deprecated.json, as the SPDX licence list states them.
 * An id mapped to undefined has no single successor (the licence text decides), so no fix is offered.
 */
export const DEPRECATED_SUCCESSORS: Readonly<Record<string, DeprecatedSuccessor | undefined>> = {
  'AGPL-1.0': gnu('AGPL-1.0'),
  'AGPL-3.0': gnu('AGPL-3.0'),
  'GPL-1.0': gnu('GPL-1.0'),
  'GPL-2.0': gnu('GPL-2.0'),
  'GPL-3.0': gnu('GPL-3.0'),
  'LGPL-2.0': gnu('LGPL-2.0'),
  'LGPL-2.1': gnu('LGPL-2.1'),
  'LGPL-3.0': gnu('LGPL-3.0'),
  'GFDL-1.1': gnu('GFDL-1.1'),
  'GFDL-1.2': gnu('GFDL-1.2'),
  'GFDL-1.3': gnu('GFDL-1.3'),
  'GPL-2.0-with-GCC-exception': gnu('GPL-2.0', 'GCC-exception-2.0'),
  'GPL-2.0-with-autoconf-exception': gnu('GPL-2.0', 'Autoconf-exception-2.0'),
  'GPL-2.0-with-classpath-exception': gnu('GPL-2.0', 'Classpath-exception-2.0'),
  'GPL-2.0-with-font-exception': gnu('GPL-2.0', 'Font-exception-2.0'),
  'GPL-3.0-with-GCC-exception': gnu('GPL-3.0', 'GCC-exception-3.1'),
  'GPL-3.0-with-autoconf-exception': gnu('GPL-3.0', 'Autoconf-exception-3.0'),
  // SPDX lists two Bison exceptions (1.24 and 2.2); which one applies depends on the text.
  'GPL-2.0-with-bison-exception': undefined,
  'BSD-2-Clause-FreeBSD': { replacement: 'BSD-2-Clause-Views' },
  'BSD-2-Clause-NetBSD': { replacement: 'BSD-2-Clause' },
  // Split into several licences on the SPDX list.
  'Net-SNMP': undefined,
  Nunit: { replacement: 'zlib-acknowledgement' },
  'StandardML-NJ': { replacement: 'SMLNJ' },
  'bzip2-1.0.5': { replacement: 'bzip2-1.0.6' },
  'eCos-2.0': { replacement: 'GPL-2.0-or-later WITH eCos-exception-2.0' },
  wxWindows: { replacement: 'LGPL-2.0-or-later WITH WxWindows-exception-3.1' },
};

/** The expression to write instead of `id` (with `+` when `plus`), or undefined when there is no single one. */
export function successorOf(id: string, plus = false): string | undefined {
  const successor = DEPRECATED_SUCCESSORS[id];
  if (!successor) return undefined;
  if (!plus) return successor.replacement;
  if (successor.orLater) return successor.orLater;
  return successor.replacement.includes(' ') ? successor.replacement : `${successor.replacement}+`;
}
