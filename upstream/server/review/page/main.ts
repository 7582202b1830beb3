// The review page's entry: its style, then its behaviour. A module script runs once the document
// is parsed, so the page can start at once.
import './review.css'
import { startReviewPage } from './page'

startReviewPage()
