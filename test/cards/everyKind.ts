/** One document of every kind the bot sends, built by the real document functions, for tests over all of them. */
import { COMMANDS } from '../../dialogs/index.js';
import { helpEntries } from '../../dialogs/help.js';
import { analysisDocument } from '../../cards/analysis.js';
import { code, data, line, message, placeholder, type Card } from '../../cards/Card.js';
import { helpDocument, helpTopicDocument, unknownCommandDocument, unknownTopicDocument, welcomeDocument } from '../../cards/help.js';
import { imageResultDocument } from '../../cards/images.js';
import { duplicateLine, labelCardDocument, labelledDocument, labelledLine, labelStatsDocument, otherTagPromptDocument, tagChoicesDocument } from '../../cards/labelling.js';
import { publishQuestionDocument, trainingResultDocument, trainingStartedDocument } from '../../cards/training.js';
import { translationDocument } from '../../cards/translation.js';
import { autoStopSetDocument, idleReminderDocument, noticeAnsweredDocument, shutdownNoticeDocument } from '../../cards/costs.js';
import { stopQuestionDocument, vmListDocument, vmOperationDocument, vmOperationEndedAckDocument } from '../../cards/vms.js';
import { idleShutdownDocument } from '../../cards/computeInstances.js';
import { HOSTILE, PIXEL } from './render/documents.js';

const NOW = Date.parse('2026-01-10T17:30:00Z');
const NOTICE = {
  id: '0123456789abcdef',
  vm: 'gpu-01',
  urls: { skip: 'https://example.invalid/skip', delay60: 'https://example.invalid/60', delay120: 'https://example.invalid/120' },
  shutdownAt: NOW + 30 * 60_000,
  timeZone: 'W. Europe Standard Time',
  conversation: { channel: 'emulator', conversationId: 'c', reference: {} },
};

export function everyKind(): Array<[kind: string, document: Card]> {
  return [
    [
      'analysis',
      analysisDocument({
        title: 'Text analysis',
        backendName: 'offline analyzer',
        language: { available: true, result: { iso: 'en', name: 'English', confidence: 0.99 }, partErrors: [] },
        sentiment: {
          available: true,
          partErrors: [{ part: 2, of: 2, message: 'the service could not analyse this part' }],
          result: {
            sentiment: 'mixed',
            scores: { positive: 0.4, neutral: 0.2, negative: 0.4 },
            sentences: [
              {
                text: HOSTILE,
                offset: 0,
                sentiment: 'positive',
                scores: { positive: 0.9, neutral: 0.1, negative: 0 },
                opinions: [{ target: 'GPU', sentiment: 'positive', assessments: [{ text: 'fast', sentiment: 'positive', isNegated: true }] }],
              },
            ],
          },
        },
        keyPhrases: { available: false, reason: 'Key phrase extraction offline reads English only.' },
        entities: { available: true, partErrors: [], result: [{ text: 'Seattle', category: 'Location', subcategory: 'City', offset: 0, length: 7, confidence: 0.91 }] },
      }),
    ],
    [
      'personal data',
      analysisDocument({
        title: 'Personal data',
        backendName: 'Azure AI Language',
        pii: {
          available: true,
          partErrors: [],
          result: {
            redactedText: 'Mail **************** or call ****************',
            entities: [
              { text: 'jane@contoso.com', category: 'Email', offset: 5, length: 16 },
              { text: '4111 1111 1111 1111', category: 'CreditCardNumber', offset: 30, length: 19 },
            ],
          },
        },
      }),
    ],
    [
      'translation',
      translationDocument({ from: 'English', to: 'Spanish', detectedConfidence: 0.66, text: 'la carrera acabó', original: HOSTILE, backendName: 'Apertium (offline)' }),
    ],
    [
      'images',
      imageResultDocument({
        backendName: 'local ONNX model',
        modelName: 'defects_v3',
        results: [
          { name: 'leaf.png', ok: true, predictions: [{ tag: 'crack', probability: 0.86 }, { tag: '*ok*', probability: 0.14 }], thumbnailUrl: PIXEL, labelRef: '0123456789abcdef' },
          { name: 'big.png', ok: false, reason: 'it is over 4 MB, the most I classify.' },
          { name: 'blank.png', ok: true, predictions: [] },
        ],
        skipped: ['five.png'],
        maxPerMessage: 4,
      }),
    ],
    [
      'vm list',
      vmListDocument(
        [
          {
            name: 'gpu-01',
            resourceGroup: 'ml',
            powerState: 'running',
            size: 'Standard_NC6s_v3',
            location: 'westeurope',
            billed: true,
            busy: 'deallocating, asked by Ada',
            costs: { autoStop: { time: '19:00', timeZone: 'W. Europe Standard Time', enabled: true, notifies: true }, price: { amount: 3.06, currency: 'USD' }, osType: 'Linux', startedAt: NOW - 5 * 3_600_000, now: NOW },
          },
          { name: 'gpu_02', resourceGroup: 'ml', powerState: 'stopped-allocated', size: 'Standard_NC6s_v3', location: 'westeurope', billed: true },
          { name: 'gpu-03', resourceGroup: 'ml', powerState: 'unknown' },
          {
            name: 'ci-ada',
            resourceGroup: 'ml',
            kind: 'compute-instance',
            workspace: 'team-ws',
            azureState: 'Running',
            powerState: 'running',
            size: 'Standard_NC6s_v3',
            location: 'westeurope',
            billed: true,
            idleShutdown: null,
            costs: { autoStop: null, price: { amount: 3.06, currency: 'USD' }, osType: 'Linux', startedAt: NOW - 2 * 3_600_000, now: NOW },
          },
          { name: 'ci-bob', resourceGroup: 'ml', kind: 'compute-instance', workspace: 'team-ws', azureState: 'Stopped', powerState: 'deallocated', billed: false, idleShutdown: 'PT45M' },
        ],
        { single: false, backendName: 'Azure Resource Manager and the Azure Machine Learning workspace team-ws' },
      ),
    ],
    ['compute instance stop confirmation', stopQuestionDocument({ machine: 'compute-instance', name: 'ci-ada', requestId: '0a1b2c3d', minutes: 5, requesterName: 'Ada <Lovelace>' })],
    ['compute instance idle shutdown', idleShutdownDocument('ci-ada', 30, 'PT30M')],
    ['vm confirmation', stopQuestionDocument({ machine: 'vm', name: 'gpu-01', requestId: '0a1b2c3d', minutes: 5, requesterName: 'Ada <Lovelace>' })],
    ['vm accepted', vmOperationDocument('gpu-01', 'start', 'accepted', line('Starting ', data('gpu-01'), '... Azure has accepted the request.'))],
    ['vm succeeded', vmOperationDocument('gpu-01', 'deallocate', 'succeeded', line(data('gpu-01'), ' is deallocated; compute billing has stopped.'))],
    ['vm failed', vmOperationDocument('gpu-01', 'start', 'failed', line('Azure reports that starting gpu-01 failed (AllocationFailed).'))],
    ['vm acknowledgement once ended', vmOperationEndedAckDocument('gpu-01', 'start', 'succeeded', NOW - 180_000, NOW)],
    ['vm daily stop set', autoStopSetDocument('gpu-01', { time: '19:00', timeZone: 'UTC', enabled: true, notifies: true }, true)],
    ['vm shutdown notice', shutdownNoticeDocument(NOTICE, NOW)],
    ['vm shutdown notice answered', noticeAnsweredDocument({ ...NOTICE, answer: { choice: 'delay60', byName: 'Ada <Lovelace>', at: NOW } })],
    ['vm idle reminder', idleReminderDocument({
        vm: 'gpu-01',
        startedAt: NOW - 5 * 3_600_000,
        now: NOW,
        activity: { cpuPercent: 1.25, networkInBytes: 3_200_000, networkOutBytes: 850_000, diskReadBytes: 0, diskWriteBytes: 12_500_000 },
        minutes: 60,
        keepHours: 12,
        price: { amount: 3.06, currency: 'USD' },
      })],
    [
      'label card',
      labelCardDocument({
        ref: '0123456789abcdef',
        name: HOSTILE,
        suggestions: [{ tag: HOSTILE, probability: 0.86 }, { tag: 'scratch', probability: 0.1 }],
        thumbnailUrl: PIXEL,
        destination: 'Custom Vision training project',
      }),
    ],
    ['labelled', labelledDocument('image 1', labelledLine(HOSTILE, 'Ada <Lovelace>'))],
    ['label duplicate', labelledDocument('image 1', duplicateLine(['crack', HOSTILE], 'local dataset folder'))],
    ['other tag prompt', otherTagPromptDocument('image 1', [{ id: 't', name: HOSTILE, imageCount: 3 }], false)],
    // A tag name is at most 64 characters (services/labelling/tagNames.ts), so it fits a Slack button with "New tag: ".
    ['tag choices', tagChoicesDocument({ ref: '0123456789abcdef', name: 'image 1', typed: '*bold* <!channel> _it_ [x](https://e.example) <b>', matches: [{ id: 't', name: 'crack', imageCount: 2 }], canCreate: true })],
    ['label stats', labelStatsDocument([{ id: 'a', name: HOSTILE, imageCount: 3 }, { id: 'b', name: 'dent', imageCount: 12 }], { destination: 'Custom Vision training project', trains: true })],
    ['training started', trainingStartedDocument({ id: 'i2', name: 'Iteration 2', status: 'training', trainingType: 'quick' }, 'Ada')],
    [
      'training result',
      trainingResultDocument({
        iteration: { id: 'i2', name: 'Iteration 2', status: 'completed' },
        performance: { precision: 0.84, recall: 0.86, averagePrecision: 0.86, perTag: [{ tagId: 'a', name: HOSTILE, precision: 0.62, recall: 0.75 }] },
        baseline: { name: 'Iteration 1', performance: { precision: 0.85, recall: 0.82, perTag: [{ tagId: 'a', name: HOSTILE, precision: 0.7, recall: 0.7 }] } },
        requesterName: 'Ada',
        elapsed: '3 min',
        publishes: true,
      }),
    ],
    ['publish question', publishQuestionDocument({ iterationName: 'Iteration 2', publishName: 'Iteration2', requestId: '0a1b2c3d', minutes: 5, requesterName: 'Ada', current: 'defects-v3' })],
    ['help', helpDocument(helpEntries(COMMANDS), { title: 'What labmate can do', intro: 'Type a command.' })],
    ['help on a topic', helpTopicDocument('vms', helpEntries(COMMANDS), { backends: { vms: ['Training VMs: Azure Resource Manager'] } })],
    ['help on no topic', unknownTopicDocument('weather', ['text', 'translation', 'images', 'vms', 'jobs'])],
    ['welcome', welcomeDocument({ title: 'Hi, I am labmate', intro: 'Type a command.', backends: { text: ['Text analysis: offline analyzer'], translation: ['Translation: Apertium (offline)'] }, classifies: true, listsVms: true })],
    ['unknown command', unknownCommandDocument('/deploy')],
    ['message', message(line('Add the text after the command, for example: ', code('sentiment'), ' ', placeholder('text'), '.'))],
  ];
}
