import { randomBytes, randomUUID } from 'node:crypto';
import { type Bus, type CloudEvent, headersWithSignature, type Keyring, signMessage } from '@backoffice/kit';

/**
 * Every way tried to pass `forged` off as its producer's, and the reason each is parked with. It
 * carries the id of `genuine`; the last way takes a signed copy of `genuine` and changes what it says.
 */
export function forgeries(
  bus: Bus,
  keys: { hr: Keyring; compliance: Keyring; documents: Keyring },
  forged: CloudEvent,
  genuine: CloudEvent,
  producer: Keyring,
) {
  const { hr, compliance, documents } = keys;
  const service = producer.self;
  const event = forged;
  const body = JSON.stringify(forged);
  const send = (text: string, headers = headersWithSignature(null), type = event.type) =>
    bus.js.publish(`${bus.prefix}${type}`, text, { msgID: randomUUID(), headers });
  const list = [
    { name: 'no signature', reason: `refused: no signature from ${service}`, send: () => send(body) },
    {
      name: `a garbage signature under ${service}'s key id`,
      reason: `refused: no valid signature from ${service}`,
      send: () =>
        send(body, headersWithSignature(`${producer.kid}.${randomBytes(64).toString('base64url')}`)),
    },
    {
      name: "documents' own valid signature",
      reason: `refused: no valid signature from ${service} (signed by documents)`,
      send: () => send(body, signMessage(documents, 'event', event.type, body)),
    },
    {
      name: 'a genuine signed event altered after signing',
      reason: `refused: no valid signature from ${service}`,
      send: () => send(body, signMessage(producer, 'event', event.type, JSON.stringify(genuine))),
    },
  ];
  if (service === 'compliance') {
    // hr speaking on compliance's subject, with hr's own key and an envelope that says hr.
    const asHr = JSON.stringify({ ...event, source: '/backoffice/hr' });
    list.push(
      {
        name: "hr's key on a compliance subject, source saying hr",
        reason: 'refused: no valid signature from compliance (signed by hr)',
        send: () => send(asHr, signMessage(hr, 'event', event.type, asHr)),
      },
      {
        name: "compliance's key, source saying hr",
        reason: "refused: source /backoffice/hr on compliance's subject",
        send: () => send(asHr, signMessage(compliance, 'event', event.type, asHr)),
      },
    );
  }
  return list;
}
