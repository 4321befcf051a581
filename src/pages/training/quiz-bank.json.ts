// Every handbook page's quiz questions ({param:key} resolved), once for all posts' quizzes
// (src/domain/quiz-bank.ts): precached, so quizzes and exams work offline.
import type { APIRoute } from 'astro';
import { allPages } from '../../lib/handbook';
import type { SharedBank } from '../../domain/quiz-bank';

export const GET: APIRoute = async () => {
  const bank: SharedBank = {};
  for (const page of await allPages()) if (page.quiz.length) bank[page.id] = { title: page.title, quiz: page.quiz };
  return new Response(JSON.stringify(bank), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
