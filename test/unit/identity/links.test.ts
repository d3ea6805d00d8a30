import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findLinks, type IdentityEvidence } from '../../../shared/identity/links.js';
import { groupPersons } from '../../../shared/identity/persons.js';
import type { IdentityInfo, IdentityLink } from '../../../shared/model/identity.js';

const id = (identity: string, vendor: string, events = 10): IdentityInfo => ({ identity, vendors: [vendor], events });

function link(links: readonly IdentityLink[], a: string, b: string): IdentityLink | undefined {
  const [x, y] = a < b ? [a, b] : [b, a];
  return links.find((l) => l.a === x && l.b === y);
}

function personOf(evidence: IdentityEvidence, links: readonly IdentityLink[], identity: string): string[] {
  const p = groupPersons(evidence.identities, links).find((q) => q.identities.some((i) => i.identity === identity));
  return (p?.identities.map((i) => i.identity) ?? []).sort();
}

describe('identity links', () => {
  it('links ids and e-mails a record carries beside its user, saying which record', () => {
    const evidence: IdentityEvidence = {
      identities: [id('ivan@contoso.example', 'entra', 30), id('ivan', 'duo', 12)],
      aliases: [
        { identity: 'ivan@contoso.example', alias: '4c1f8a4e-1111-4a2b-9c3d-0123456789ab', kind: 'vendor-id', vendor: 'entra', firstEvent: 7 },
        { identity: 'ivan', alias: 'ivan@contoso.example', kind: 'email', vendor: 'duo', firstEvent: 41 },
      ],
    };
    const links = findLinks(evidence, { domains: [] }, []);
    const guid = link(links, 'ivan@contoso.example', '4c1f8a4e-1111-4a2b-9c3d-0123456789ab');
    assert.equal(guid?.status, 'auto');
    assert.equal(guid?.basis, 'record-vendor-id');
    assert.match(guid?.reason ?? '', /Entra ID event 7 carries Entra ID user id 4c1f8a4e/);
    const mail = link(links, 'ivan', 'ivan@contoso.example');
    assert.equal(mail?.status, 'auto');
    assert.equal(mail?.basis, 'record-email');
    const persons = groupPersons(evidence.identities, links);
    assert.equal(persons.length, 1);
    assert.equal(persons[0]?.person, 'ivan@contoso.example', 'the person is named by its name@domain identity');
    assert.equal(persons[0]?.identities.length, 3);
  });

  it('proposes, never applies, an e-mail that several user names carry', () => {
    const evidence: IdentityEvidence = {
      identities: [id('helpdesk1', 'duo'), id('helpdesk2', 'duo'), id('helpdesk@contoso.example', 'okta')],
      aliases: [
        { identity: 'helpdesk1', alias: 'helpdesk@contoso.example', kind: 'email', vendor: 'duo', firstEvent: 1 },
        { identity: 'helpdesk2', alias: 'helpdesk@contoso.example', kind: 'email', vendor: 'duo', firstEvent: 2 },
      ],
    };
    const links = findLinks(evidence, { domains: [] }, []);
    assert.equal(link(links, 'helpdesk1', 'helpdesk@contoso.example')?.status, 'proposed');
    assert.match(link(links, 'helpdesk1', 'helpdesk@contoso.example')?.reason ?? '', /also|carried for helpdesk2/);
    assert.deepEqual(personOf(evidence, links, 'helpdesk1'), ['helpdesk1']);
  });

  it('links case and DOMAIN\\user spellings', () => {
    const evidence: IdentityEvidence = { identities: [id('Ivan@Contoso.example', 'm365'), id('ivan@contoso.example', 'okta'), id('CONTOSO\\ivan', 'syslog')], aliases: [] };
    const links = findLinks(evidence, { domains: [] }, []);
    assert.equal(link(links, 'Ivan@Contoso.example', 'ivan@contoso.example')?.basis, 'spelling-case');
    const netbios = links.filter((l) => l.a === 'CONTOSO\\ivan' || l.b === 'CONTOSO\\ivan');
    assert.ok(netbios.length >= 1 && netbios.every((l) => l.status === 'auto' && l.basis === 'spelling-domain'));
    assert.equal(personOf(evidence, links, 'CONTOSO\\ivan').length, 3);
  });

  it('links a bare name only when the case has one domain it can be in; otherwise proposes', () => {
    const one: IdentityEvidence = { identities: [id('ivan', 'duo'), id('ivan@contoso.example', 'okta'), id('mei@contoso.example', 'okta')], aliases: [] };
    const learned = findLinks(one, { domains: [] }, []);
    assert.equal(link(learned, 'ivan', 'ivan@contoso.example')?.status, 'auto');
    assert.match(link(learned, 'ivan', 'ivan@contoso.example')?.reason ?? '', /only domain in the evidence, contoso\.example/);

    const two: IdentityEvidence = { identities: [...one.identities, id('ivan@fabrikam.example', 'entra')], aliases: [] };
    const ambiguous = findLinks(two, { domains: [] }, []);
    assert.equal(link(ambiguous, 'ivan', 'ivan@contoso.example')?.status, 'proposed');
    assert.equal(link(ambiguous, 'ivan', 'ivan@fabrikam.example')?.status, 'proposed');
    assert.deepEqual(personOf(two, ambiguous, 'ivan'), ['ivan'], 'an ambiguous bare name stays its own person');

    // Two domains learned but only one has an ivan: still a guess, so still proposed.
    const twoDomains: IdentityEvidence = { identities: [...one.identities, id('zoe@fabrikam.example', 'entra')], aliases: [] };
    assert.equal(link(findLinks(twoDomains, { domains: [] }, []), 'ivan', 'ivan@contoso.example')?.status, 'proposed');
    // The analyst names the case's domain: then it is certain.
    const set = findLinks(twoDomains, { domains: ['contoso.example'] }, []);
    assert.equal(link(set, 'ivan', 'ivan@contoso.example')?.status, 'auto');
    assert.match(link(set, 'ivan', 'ivan@contoso.example')?.reason ?? '', /set by the analyst/);
    // A domain set by the analyst that matches neither keeps both as proposals.
    const both = findLinks(two, { domains: ['contoso.example', 'fabrikam.example'] }, []);
    assert.equal(link(both, 'ivan', 'ivan@fabrikam.example')?.status, 'proposed');
  });

  it("applies the analyst's decisions: accept, reject, link", () => {
    const two: IdentityEvidence = {
      identities: [id('ivan', 'duo'), id('ivan@contoso.example', 'okta'), id('ivan@fabrikam.example', 'entra'), id('jo', 'duo'), id('joanna@contoso.example', 'okta')],
      aliases: [],
    };
    const links = findLinks(two, { domains: [] }, [
      { a: 'ivan', b: 'ivan@contoso.example', decision: 'link' },
      { a: 'ivan', b: 'ivan@fabrikam.example', decision: 'reject' },
      { a: 'jo', b: 'joanna@contoso.example', decision: 'link' },
    ]);
    assert.equal(link(links, 'ivan', 'ivan@contoso.example')?.status, 'accepted');
    assert.equal(link(links, 'ivan', 'ivan@fabrikam.example')?.status, 'rejected');
    assert.equal(link(links, 'jo', 'joanna@contoso.example')?.status, 'manual');
    assert.deepEqual(personOf(two, links, 'ivan'), ['ivan', 'ivan@contoso.example']);
    assert.deepEqual(personOf(two, links, 'jo'), ['jo', 'joanna@contoso.example']);
  });

  it('never matches a GUID user to an id@domain', () => {
    const evidence: IdentityEvidence = { identities: [id('4c1f8a4e-1111-4a2b-9c3d-0123456789ab', 'entra'), id('4c1f8a4e-1111-4a2b-9c3d-0123456789ab@contoso.example', 'okta')], aliases: [] };
    assert.equal(findLinks(evidence, { domains: [] }, []).length, 0);
  });
});
