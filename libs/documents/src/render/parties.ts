import type { PartyView } from './document-view';

interface Address {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  postalCode?: string | null;
  state?: string | null;
  country?: string | null;
}

interface Party {
  name: string;
  legalName?: string | null;
  address?: Address | null;
  taxIds?: { type: string; value: string }[] | null;
  email?: string | null;
}

const cityLine = (a: Address): string => [a.postalCode, a.city, a.state].filter(Boolean).join(' ');

export function partyView(party: Party): PartyView {
  const a = party.address ?? {};
  return {
    name: party.name,
    legalName: party.legalName && party.legalName !== party.name ? party.legalName : null,
    addressLines: [a.line1, a.line2, cityLine(a), a.country].filter((line): line is string => !!line),
    taxIds: (party.taxIds ?? []).map((t) => `${t.type.replace(/_/g, ' ').toUpperCase()} ${t.value}`),
    email: party.email ?? null,
  };
}
